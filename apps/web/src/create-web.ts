import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Logger, PinoLogger } from 'nestjs-pino';
import { createHmac, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import * as nunjucks from 'nunjucks';
import {
  AppConfig,
  DrainingFastifyAdapter,
  assertSafeInput,
  installRequestLog,
  registerSecurityHeaders,
} from '@catalyst/common';
import { takesUploads } from '../../api/src/bootstrap/takes-uploads';
import { catalystStylesheet } from './rendering/stylesheet';
import type { WebRequest } from './session/web-request';
import { WebModule, WebModuleOptions } from './web.module';
import { WEB_ROOT } from './web-root';

const CORRELATION_HEADER = 'x-correlation-id';
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const MULTIPART = /^\s*multipart\//i;

/** Where a package's files are (govuk-frontend, MOJ Frontend). */
function packageDir(name: string): string {
  return join(require.resolve(`${name}/package.json`), '..');
}

/** A key for signing cookies, derived from the JWT secret (one secret to manage). */
function cookieSecret(config: AppConfig): string {
  return createHmac('sha256', config.jwtSecret).update('catalyst-web-cookies').digest('hex');
}

/** Builds the configured web application (used by main.ts, the quick start and the tests). */
export async function createWeb(
  config: AppConfig,
  options: WebModuleOptions = {},
): Promise<NestFastifyApplication> {
  // On SIGTERM the pages being served finish and their connections close with them (the
  // API's reason: a kept-alive connection would hold the process past its grace).
  const adapter = new DrainingFastifyAdapter(
    {
      bodyLimit: config.bodyLimitBytes,
      trustProxy: config.trustProxy,
      genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
        const given = req.headers[CORRELATION_HEADER];
        return typeof given === 'string' && CORRELATION_ID.test(given) ? given : randomUUID();
      },
    },
    config.shutdownGraceMs,
  );
  const app = await NestFactory.create<NestFastifyApplication>(
    WebModule.forRoot(config, options),
    adapter,
    { bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(Logger));
  app.flushLogs();
  const fastify = app.getHttpAdapter().getInstance();
  const secure = config.nodeEnv === 'production';

  installRequestLog(fastify, () => PinoLogger.root);
  registerSecurityHeaders(fastify, {
    // Strict: only this origin's scripts and styles, no inline script or style, no framing.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        upgradeInsecureRequests: secure ? [] : null,
      },
    },
    strictTransportSecurity: secure,
  });
  await app.register(fastifyCookie, { secret: cookieSecret(config) });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'catalyst_csrf',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure, signed: true },
  });
  // Every form post carries the CSRF token (checked once the body is parsed).
  fastify.addHook('preHandler', (request: FastifyRequest, reply: FastifyReply, done) => {
    if (SAFE_METHODS.has(request.method)) return done();
    // An upload form's fields are read by its handler's file interceptor, which checks the
    // token itself (MultipartCsrfInterceptor) before the file is read.
    if (
      MULTIPART.test(request.headers['content-type'] ?? '') &&
      takesUploads(request.routeOptions.config)
    ) {
      return done();
    }
    try {
      assertSafeInput(request.body, 'body');
    } catch (error) {
      return done(error as Error);
    }
    const checked = request as WebRequest;
    checked.csrf = 'refused';
    (fastify as WithCsrf).csrfProtection(request, reply, () => {
      checked.csrf = 'passed';
      done();
    });
  });
  const govuk = join(packageDir('govuk-frontend'), 'dist');
  const moj = packageDir('@ministryofjustice/frontend');
  const stylesheet = catalystStylesheet(govuk, moj, join(WEB_ROOT, 'assets'));
  fastify.get('/assets/catalyst.css', (_request, reply) => {
    void reply
      .header('Content-Type', 'text/css; charset=utf-8')
      .header('Cache-Control', 'public, max-age=3600')
      .send(stylesheet);
  });
  await app.register(fastifyStatic, {
    root: join(govuk, 'govuk', 'assets'),
    prefix: '/assets/govuk/',
    decorateReply: false,
  });
  await app.register(fastifyStatic, {
    root: join(WEB_ROOT, 'assets'),
    prefix: '/assets/catalyst/',
    decorateReply: false,
  });
  await app.register(fastifyStatic, {
    root: join(govuk, 'govuk'),
    prefix: '/assets/js/',
    allowedPath: (path) => path === '/govuk-frontend.min.js',
    decorateReply: false,
  });
  app.setViewEngine({
    engine: { nunjucks },
    templates: [join(WEB_ROOT, 'views'), govuk, moj],
    options: { autoescape: true, throwOnUndefined: false },
  });
  await app.init();
  return app;
}

type WithCsrf = FastifyInstance & {
  csrfProtection(request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void): void;
};
