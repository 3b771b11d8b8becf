import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

/**
 * Secrets that travel in URLs: invitation and password-reset tokens in paths (the API's
 * `/invitations/{token}/accept`, the web's `/invitations/{token}`), `token` query parameters
 * (personal feed links), a single sign-on callback's `code` and `state`. Request lines keep
 * the route but not the secret.
 */
const SECRETS_IN_URLS: [RegExp, string][] = [
  [/(\/(?:invitations|password-resets)\/)[^/?#]+/g, '$1[redacted]'],
  [/([?&](?:token|code|state)=)[^&#]*/gi, '$1[redacted]'],
];

export function redactUrl(url: string | undefined): string | undefined {
  return url && SECRETS_IN_URLS.reduce((out, [pattern, by]) => out.replace(pattern, by), url);
}

interface RequestContext {
  correlationId: string;
}

/** The request being served, for every line logged while serving it. */
const requestContext = new AsyncLocalStorage<RequestContext>();

/** pino `mixin`: the correlation id of the request being served, on every line. */
export function correlationMixin(): Partial<RequestContext> {
  return requestContext.getStore() ?? {};
}

/**
 * The request log as Fastify hooks: one line per request ("request completed"; "request
 * errored" from 500 on) with method, path (secrets in URLs redacted), address, status and
 * time, and the correlation id on every line logged while the request is served. The health
 * probes are not logged.
 *
 * Hooks rather than Nest middleware running pino-http: that path cost a middleware bridge and
 * a child logger per request, about a fifth of the API's CPU on its cheapest requests. The
 * request's context is entered in `onRequest` and holds through reading the body (the test
 * sends one in two parts).
 */
export function installRequestLog(fastify: FastifyInstance, logger: () => Logger): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    requestContext.run({ correlationId: request.id }, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    if (!request.url.startsWith('/health/')) {
      const line = {
        correlationId: request.id,
        req: { method: request.method, url: redactUrl(request.url), remoteAddress: request.ip },
        res: { statusCode: reply.statusCode },
        responseTime: Math.round(reply.elapsedTime),
      };
      if (reply.statusCode >= 500) logger().error(line, 'request errored');
      else logger().info(line, 'request completed');
    }
    done();
  });
}
