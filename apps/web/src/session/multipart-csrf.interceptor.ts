import {
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  UseInterceptors,
  applyDecorators,
} from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { FileStreamInterceptor } from '@nestjs/platform-fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError } from '@catalyst/common';
import { TAKES_UPLOADS } from '../../../api/src/bootstrap/takes-uploads';
import type { WebReply, WebRequest } from './web-request';

type WithCsrf = FastifyInstance & {
  csrfProtection(request: FastifyRequest, reply: FastifyReply, done: () => void): void;
};

/**
 * The CSRF check of a multipart form. Its fields are parsed only by the file interceptor (a
 * stream, never buffered), so the check the other forms get before the handler cannot see the
 * token: this one runs right after the interceptor has read the text fields — the `_csrf`
 * field comes first in the form — and before anything reads the file.
 */
@Injectable()
export class MultipartCsrfInterceptor implements NestInterceptor {
  async intercept(context: ExecutionContext, next: CallHandler) {
    const http = context.switchToHttp();
    const request = http.getRequest<WebRequest>();
    const reply = http.getResponse<WebReply>();
    const fastify = request.server as WithCsrf;
    const passed = await new Promise<boolean>((resolve) => {
      // The plugin answers a refusal itself; here the refusal becomes the form-expired page.
      const asking = Object.create(reply, {
        send: { value: () => (resolve(false), asking) },
      }) as FastifyReply;
      fastify.csrfProtection(request, asking, () => resolve(true));
    });
    if (!passed) {
      request.csrf = 'refused';
      throw new ForbiddenError('The form’s CSRF token is missing or does not match.');
    }
    request.csrf = 'passed';
    return next.handle();
  }
}

/**
 * A page that takes one uploaded file in `field` (multipart/form-data, streamed), its CSRF
 * token checked before the file is read.
 */
export const TakesUpload = (field: string) =>
  applyDecorators(
    RouteConfig(TAKES_UPLOADS),
    UseInterceptors(FileStreamInterceptor(field), MultipartCsrfInterceptor),
  );
