import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { QueryFailedError } from 'typeorm';
import { DomainError, RateLimitedError } from './domain-errors';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, problemType } from './problem-details';
import { isUnavailableDependency } from './unavailable-dependency';

/** Seconds a client is asked to wait before retrying when the database is out of reach. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 2;

interface ReplyLike {
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(body: unknown): unknown;
}

interface RequestLike {
  url?: string;
  id?: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  408: 'Request timeout',
  409: 'Conflict',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Business rule violated',
  429: 'Too many requests',
  431: 'Request headers too large',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** Codes of problems raised by the framework rather than by our domain code. */
export const HTTP_CODES: Record<number, string> = {
  400: 'request.malformed',
  401: 'auth.unauthenticated',
  403: 'auth.forbidden',
  404: 'http.not_found',
  405: 'http.method_not_allowed',
  406: 'http.not_acceptable',
  408: 'request.timeout',
  413: 'request.body_too_large',
  414: 'request.url_too_long',
  415: 'request.unsupported_media_type',
  429: 'request.rate_limited',
  431: 'request.headers_too_large',
  503: 'server.unavailable',
};

/**
 * Renders every error as RFC 9457 problem details. Unknown errors become a bare 500 whose
 * body says nothing about the cause (no stack, no SQL); the cause goes to the log with the
 * request's correlation id.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<ReplyLike>();
    const request = ctx.getRequest<RequestLike>();
    const problem = this.toProblem(exception);
    if (problem.status >= 500) {
      this.logger.error(
        { err: exception, correlationId: request?.id },
        'Unhandled error while serving a request',
      );
    }
    if (exception instanceof RateLimitedError) {
      reply.header('Retry-After', String(exception.retryAfterSeconds));
    }
    if (problem.code === 'server.unavailable') {
      reply.header('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
    }
    reply.status(problem.status).header('Content-Type', PROBLEM_CONTENT_TYPE).send(problem);
  }

  toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof DomainError) {
      return {
        type: exception.type,
        code: exception.code,
        title: exception.title,
        status: exception.status,
        detail: exception.detail,
        ...exception.extensions,
      };
    }
    if (exception instanceof ThrottlerException) {
      return this.simple(
        429,
        'Too many requests; slow down and retry later.',
        'request.rate_limited',
      );
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail =
        typeof body === 'string'
          ? body
          : typeof (body as { message?: unknown }).message === 'string'
            ? (body as { message: string }).message
            : exception.message;
      return this.simple(status, detail, HTTP_CODES[status]);
    }
    // A database restarting, failing over or cut off: retrying later may work (a 503), and the
    // client must not read it as a defect (a 500). Checked before the SQLSTATE mapping below,
    // since a terminated session surfaces as a QueryFailedError too.
    if (isUnavailableDependency(exception)) {
      return this.simple(
        HttpStatus.SERVICE_UNAVAILABLE,
        'The database is not answering just now; retry shortly.',
        'server.unavailable',
      );
    }
    if (exception instanceof QueryFailedError) {
      return this.fromDatabase(exception as QueryFailedError<Error>);
    }
    const fastifyStatus = statusOfFrameworkError(exception);
    if (fastifyStatus) {
      return this.simple(
        fastifyStatus,
        frameworkDetail(fastifyStatus, exception),
        HTTP_CODES[fastifyStatus],
      );
    }
    return this.simple(
      HttpStatus.INTERNAL_SERVER_ERROR,
      'Something went wrong on our side.',
      'server.internal',
    );
  }

  private fromDatabase(error: QueryFailedError<Error>): ProblemDetails {
    const code = (error.driverError as { code?: string } | undefined)?.code;
    switch (code) {
      case '23505':
        return this.simple(
          409,
          'This would create a duplicate of something that must be unique.',
          'database.duplicate',
        );
      case '23503':
        return this.simple(
          422,
          'This refers to something that does not exist.',
          'database.reference_missing',
        );
      case '23514':
        return this.simple(422, 'A value is outside its allowed range.', 'database.out_of_range');
      case '22021':
      case '22P05':
        // Text PostgreSQL cannot store, such as U+0000: the client's input, not our fault.
        return this.simple(
          400,
          'The request contains a character that cannot be stored (e.g. U+0000).',
          'request.unstorable_character',
        );
      case '40001':
      case '40P01':
        return this.simple(
          409,
          'A concurrent change got in the way; retry the request.',
          'database.concurrent_change',
        );
      default:
        return this.simple(500, 'Something went wrong on our side.', 'server.internal');
    }
  }

  private simple(status: number, detail: string, code = 'http.error'): ProblemDetails {
    return { type: problemType(status), code, title: TITLES[status] ?? 'Error', status, detail };
  }
}

/** Errors Fastify raises before Nest sees the request (bad JSON, body too large, …). */
function statusOfFrameworkError(exception: unknown): number | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { statusCode, code } = exception as { statusCode?: unknown; code?: unknown };
  if (typeof code === 'string' && code.startsWith('FST_') && typeof statusCode === 'number') {
    return statusCode >= 400 && statusCode < 600 ? statusCode : undefined;
  }
  if (exception instanceof SyntaxError && typeof statusCode === 'number') return statusCode;
  return undefined;
}

function frameworkDetail(status: number, exception: unknown): string {
  if (status === 413) return 'The request body is larger than this server accepts.';
  if (status === 415) return 'Send JSON with Content-Type: application/json.';
  if (status === 400) return 'The request body is not valid JSON.';
  return (exception as Error).message ?? 'Request refused.';
}
