import { HttpException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger, PinoLogger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import {
  AppConfig,
  DrainingFastifyAdapter,
  PROBLEM_CONTENT_TYPE,
  ProblemDetailsFilter,
  UNAVAILABLE_RETRY_AFTER_SECONDS,
  assertSafeInput,
  createValidationPipe,
  installRequestLog,
  registerSecurityHeaders,
} from '@catalyst/common';
import { ApiModule, ApiModuleOptions } from '../api.module';
import { mountQueueDashboard } from '../notifications/queue-dashboard';
import { setupOpenApi } from './openapi';
import { takesUploads } from './takes-uploads';

export const CORRELATION_HEADER = 'x-correlation-id';

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const MULTIPART = /^\s*multipart\//i;

/** Builds the configured API application (used by main.ts and by the tests). */
export async function createApi(
  config: AppConfig,
  options: ApiModuleOptions = {},
): Promise<NestFastifyApplication> {
  const filter = new ProblemDetailsFilter();
  const adapter = new DrainingFastifyAdapter(
    {
      // Requests that arrive after SIGTERM are answered below (a 503 problem), not with
      // Fastify's own 503 body.
      return503OnClosing: false,
      // Errors Fastify raises while routing, before Nest sees the request (an over-long or
      // malformed URL), are problem details too.
      frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
        const problem = filter.toProblem(error);
        void reply
          .status(problem.status)
          .header('Content-Type', PROBLEM_CONTENT_TYPE)
          .send(problem);
      },
      // Errors Node's HTTP parser raises before Fastify has a request (headers or URL over the
      // header size limit: 431; a timeout: 408; garbage: 400) are problem details as well.
      clientErrorHandler: (error: Error & { code?: string }, socket: Socket) => {
        if (error.code === 'ECONNRESET' || socket.destroyed) return;
        const status =
          error.code === 'HPE_HEADER_OVERFLOW'
            ? 431
            : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
              ? 408
              : 400;
        const detail =
          status === 431
            ? 'The request line and headers are larger than this server accepts (shorten the URL or the headers).'
            : status === 408
              ? 'The request took too long to arrive.'
              : 'The request is not valid HTTP.';
        const body = JSON.stringify(filter.toProblem(new HttpException(detail, status)));
        if (socket.writable) {
          socket.write(
            `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
              `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
          );
        }
        socket.destroy(error);
      },
      bodyLimit: config.bodyLimitBytes,
      // Only trusted proxies may set the client address (rate limits key on it).
      trustProxy: config.trustProxy,
      genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
        const given = req.headers[CORRELATION_HEADER];
        return typeof given === 'string' && CORRELATION_ID.test(given) ? given : randomUUID();
      },
    },
    config.shutdownGraceMs,
  );
  const fastify = adapter.getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    (request.raw as typeof request.raw & { id: string }).id = request.id;
    void reply.header(CORRELATION_HEADER, request.id);
    done();
  });
  installRequestLog(fastify, () => PinoLogger.root);
  // After SIGTERM the requests being served finish; any that arrive (on a kept-alive
  // connection, or before the port closes) are turned away as a problem, on a connection
  // that then closes, so that the client or load balancer sends them to another instance.
  fastify.addHook('onRequest', (_request, reply, done) => {
    if (!adapter.draining) return done();
    const problem = filter.toProblem(
      new HttpException(
        'This instance is shutting down; send the request again (another instance will answer it).',
        503,
      ),
    );
    void reply
      .status(503)
      .header('Connection', 'close')
      .header('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS))
      .header('Content-Type', PROBLEM_CONTENT_TYPE)
      .send(problem);
  });
  // Before validation sees them: bodies nested too deeply (class-transformer would overflow its
  // stack) and text that is not well-formed Unicode, in the body and the query string alike.
  // Multipart bodies only where a route takes uploads (`@RouteConfig(TAKES_UPLOADS)`); the
  // others answer 415 as they did before the multipart parser was registered.
  fastify.addHook('preValidation', async (request, reply) => {
    try {
      if (
        MULTIPART.test(request.headers['content-type'] ?? '') &&
        !takesUploads(request.routeOptions.config)
      ) {
        throw new HttpException('Send JSON with Content-Type: application/json.', 415);
      }
      assertSafeInput(request.body, 'body');
      assertSafeInput(request.query, 'query');
    } catch (error) {
      const problem = filter.toProblem(error);
      return reply
        .status(problem.status)
        .header('Content-Type', PROBLEM_CONTENT_TYPE)
        .send(problem);
    }
  });

  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot(config, options),
    adapter,
    {
      bufferLogs: true,
      abortOnError: false,
    },
  );
  app.useLogger(app.get(Logger));
  app.flushLogs();

  registerSecurityHeaders(fastify, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'validator.swagger.io'],
        // Helmet's default would make browsers fetch /docs assets over https even when the API
        // is served over plain http (an internal host without TLS): the docs page would break.
        upgradeInsecureRequests: null,
      },
    },
  });
  if (config.corsOrigins) {
    app.enableCors({
      origin: config.corsOrigins,
      exposedHeaders: [CORRELATION_HEADER, 'Retry-After'],
    });
  }
  app.setGlobalPrefix('api/v1', { exclude: ['health/live', 'health/ready'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(filter);
  setupOpenApi(app);
  await mountQueueDashboard(app);
  await app.init();
  return app;
}
