import { withArticle } from '../text/article';

/**
 * Typed domain errors. Domain code throws these; the one exception filter maps them to
 * RFC 9457 problem details, so status codes are decided here and nowhere else.
 */
export interface FieldProblem {
  field: string;
  message: string;
  /** Stable name of this field's problem when it has one (e.g. `password.common`). */
  code?: string;
}

export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  /** Extra members of the problem document (e.g. `allowed` for invalid transitions). */
  readonly extensions: Record<string, unknown> = {};

  /**
   * `code` is the stable, machine-readable name of the problem (`<area>.<snake_case>`): clients
   * and tests rely on it, so it never changes meaning once published. `detail` is for people.
   */
  constructor(
    readonly code: string,
    readonly detail: string,
  ) {
    super(detail);
    this.name = new.target.name;
  }

  get type(): string {
    return `https://catalyst.dev/problems/${slug(this.name)}`;
  }
}

/** 'Moderation note' → 'moderation_note': the area part of a code derived from an entity name. */
export function codeArea(entity: string): string {
  return entity
    .trim()
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toLowerCase();
}

function slug(name: string): string {
  return name
    .replace(/Error$/, '')
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .toLowerCase();
}

export class ValidationFailedError extends DomainError {
  static readonly status: number = 400;
  static readonly title: string = 'Invalid input';
  readonly status = 400;
  readonly title = 'Invalid input';
  constructor(
    detail: string,
    readonly errors: FieldProblem[] = [],
    code = 'request.invalid',
  ) {
    super(code, detail);
    this.extensions.errors = errors;
  }
}

export class UnauthenticatedError extends DomainError {
  static readonly status: number = 401;
  static readonly title: string = 'Authentication required';
  readonly status = 401;
  readonly title = 'Authentication required';
  constructor(detail: string, code = 'auth.unauthenticated') {
    super(code, detail);
  }
}

export class ForbiddenError extends DomainError {
  static readonly status: number = 403;
  static readonly title: string = 'Not allowed';
  readonly status = 403;
  readonly title = 'Not allowed';
  constructor(detail: string, code = 'auth.forbidden') {
    super(code, detail);
  }
}

export class NotFoundError extends DomainError {
  static readonly status: number = 404;
  static readonly title: string = 'Not found';
  readonly status = 404;
  readonly title = 'Not found';
  constructor(entity: string, id?: string) {
    super(
      `${codeArea(entity)}.not_found`,
      id ? `${entity} ${id} does not exist or is not visible to you` : `${entity} not found`,
    );
  }
}

export class ConflictError extends DomainError {
  static readonly status: number = 409;
  static readonly title: string = 'Conflict';
  readonly status = 409;
  readonly title = 'Conflict';
}

export class InvalidTransitionError extends DomainError {
  static readonly status: number = 409;
  static readonly title: string = 'Transition not allowed';
  readonly status = 409;
  readonly title = 'Transition not allowed';
  constructor(entity: string, from: string, to: string, allowed: readonly string[]) {
    super(
      `${codeArea(entity)}.invalid_transition`,
      `${withArticle(entity, true)} cannot move from '${from}' to '${to}'. ` +
        (allowed.length ? `Allowed from '${from}': ${allowed.join(', ')}.` : `'${from}' is final.`),
    );
    this.extensions.allowed = [...allowed];
    this.extensions.from = from;
  }
}

export class StaleVersionError extends DomainError {
  static readonly status: number = 409;
  static readonly title: string = 'Stale version';
  readonly status = 409;
  readonly title = 'Stale version';
  constructor(entity: string, expected: number, actual: number) {
    super(
      `${codeArea(entity)}.stale_version`,
      `The ${entity} was changed since you read it (you sent version ${expected}, it is now ${actual}). Reload and try again.`,
    );
    this.extensions.currentVersion = actual;
  }
}

/** A body (an upload) larger than this API accepts. */
export class PayloadTooLargeError extends DomainError {
  static readonly status: number = 413;
  static readonly title: string = 'Payload too large';
  readonly status = 413;
  readonly title = 'Payload too large';
}

/** Content of a type this API does not take (judged by the content, not by its name). */
export class UnsupportedMediaTypeError extends DomainError {
  static readonly status: number = 415;
  static readonly title: string = 'Unsupported media type';
  readonly status = 415;
  readonly title = 'Unsupported media type';
}

/** Valid input that breaks a business rule (e.g. the deadline has passed). */
export class BusinessRuleError extends DomainError {
  static readonly status: number = 422;
  static readonly title: string = 'Business rule violated';
  readonly status = 422;
  readonly title: string = 'Business rule violated';
}

export class DeadlinePassedError extends BusinessRuleError {
  static override readonly title: string = 'Deadline passed';
  override readonly title = 'Deadline passed';
}

export class RateLimitedError extends DomainError {
  static readonly status: number = 429;
  static readonly title: string = 'Too many requests';
  readonly status = 429;
  readonly title = 'Too many requests';
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super('request.rate_limited', detail);
  }
}
