import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { stdSerializers, type DestinationStream } from 'pino';
import type { AppConfig } from '../config/app-config';
import type { IncomingMessage } from 'node:http';

/**
 * Secrets that travel in URLs: invitation tokens in the accept path, `token` query parameters
 * (personal feed links). Request lines keep the route but not the secret.
 */
const SECRETS_IN_URLS: [RegExp, string][] = [
  [/(\/invitations\/)[^/?#]+(\/accept)/, '$1[redacted]$2'],
  [/([?&]token=)[^&#]*/gi, '$1[redacted]'],
];

export function redactUrl(url: string | undefined): string | undefined {
  return url && SECRETS_IN_URLS.reduce((out, [pattern, by]) => out.replace(pattern, by), url);
}

/**
 * Errors are logged with their cause but never with a failed query's parameters: those are
 * the row being written (a password hash, a token hash, personal data).
 */
export function serializeError(error: unknown): unknown {
  const serialized: unknown = stdSerializers.err(error as Error);
  if (serialized && typeof serialized === 'object' && 'parameters' in serialized) {
    const { parameters: _omitted, ...rest } = serialized as Record<string, unknown>;
    return rest;
  }
  return serialized;
}

/**
 * pino JSON logs; every request line (and every line logged while serving it) carries the
 * request's correlation id. `destination` is for tests (default: stdout).
 */
export function loggerOptions(
  config: AppConfig,
  service: string,
  destination?: DestinationStream,
): Params {
  const options: NonNullable<Params['pinoHttp']> = {
    level: config.logLevel,
    base: { service },
    genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id?: string }).id ?? 'none',
    customAttributeKeys: { reqId: 'correlationId' },
    // The correlation id as its own field on every line: the `req` serializer below keeps
    // only method, path and address.
    quietReqLogger: true,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'req.body.password'],
    // Request lines stay short: method, path and status; the correlation id ties them together.
    serializers: {
      req: (req: { method?: string; url?: string; remoteAddress?: string }) => ({
        method: req.method,
        url: redactUrl(req.url),
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: serializeError,
    },
    // Middleware mounted on a path sees `req.url` relative to it; originalUrl is the full one.
    autoLogging: {
      ignore: (req) =>
        (
          (req as IncomingMessage & { originalUrl?: string }).originalUrl ??
          req.url ??
          ''
        ).startsWith('/health/'),
    },
  };
  return {
    pinoHttp: destination ? [options, destination] : options,
    // One request line per request. nestjs-pino's default routes add the paths excluded from
    // the global prefix (/health/*), which Nest 12 already adds back itself: those requests
    // went through pino-http twice and were logged twice.
    forRoutes: [{ path: '{/*splat}', method: RequestMethod.ALL }],
  };
}
