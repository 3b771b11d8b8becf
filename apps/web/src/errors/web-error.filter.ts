import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { ProblemDetailsFilter, RateLimitedError } from '@catalyst/common';
import { PageRenderer } from '../rendering/page-renderer';
import { localeOf } from '../session/locale';
import { WebReply, WebRequest } from '../session/web-request';

const PAGES: Record<number, string> = {
  403: 'errors/forbidden',
  404: 'errors/not-found',
  429: 'errors/rate-limited',
};

/**
 * Every error a page raises, as a page: the same problem details the API would answer decide
 * the status (one mapping for both); 401 sends the person to sign in and back.
 */
@Catch()
export class WebErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('WebErrors');
  private readonly problems = new ProblemDetailsFilter();

  constructor(private readonly pages: PageRenderer) {}

  catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    return this.handle(
      exception,
      host.switchToHttp().getRequest<WebRequest>(),
      host.switchToHttp().getResponse<WebReply>(),
    );
  }

  async handle(exception: unknown, request: WebRequest, reply: WebReply): Promise<void> {
    request.locale ??= localeOf(request);
    if (request.csrf === 'refused') {
      return this.pages.render(request, reply, 'errors/form-expired', {}, 403);
    }
    const problem = this.problems.toProblem(exception);
    if (problem.status === 401) {
      const next = request.method === 'GET' ? request.url : '/';
      return this.pages.redirect(reply, `/sign-in?next=${encodeURIComponent(next)}`);
    }
    if (problem.status >= 500) {
      this.logger.error({ err: exception, correlationId: request.id }, 'A page failed');
    }
    if (exception instanceof RateLimitedError) {
      void reply.header('Retry-After', String(exception.retryAfterSeconds));
    }
    const template =
      PAGES[problem.status] ??
      (problem.status >= 500 ? 'errors/server-error' : 'errors/bad-request');
    await this.pages.render(
      request,
      reply,
      template,
      { problemCode: problem.code, correlationId: request.id },
      problem.status,
    );
  }
}
