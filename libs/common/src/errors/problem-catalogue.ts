import {
  codeArea,
  InvalidTransitionError,
  NotFoundError,
  StaleVersionError,
  ValidationFailedError,
} from './domain-errors';

/** One line of the problem catalogue the OpenAPI document publishes. */
export interface ProblemEntry {
  code: string;
  status: number;
  title: string;
  /** One line: what the problem means for the client. */
  meaning: string;
}

/** A domain error class that names its code: `static readonly code = 'round.not_editable'`. */
export interface CataloguedError {
  readonly code: string;
  readonly meaning: string;
  readonly status: number;
  readonly title: string;
}

/** The catalogue entries of error classes (status and title come from their base class). */
export function entriesOf(...errors: CataloguedError[]): ProblemEntry[] {
  return errors.map(({ code, status, title, meaning }) => ({ code, status, title, meaning }));
}

/** `<entity>.not_found`, as NotFoundError and assertVisible derive it. */
export function notFoundEntry(entity: string, meaning?: string): ProblemEntry {
  return {
    code: `${codeArea(entity)}.not_found`,
    status: NotFoundError.status,
    title: NotFoundError.title,
    meaning: meaning ?? `No such ${entity.toLowerCase()}, or it is not visible to you.`,
  };
}

/** `<entity>.invalid_transition`, as every state machine derives it (409 with `allowed`). */
export function invalidTransitionEntry(entity: string): ProblemEntry {
  return {
    code: `${codeArea(entity)}.invalid_transition`,
    status: InvalidTransitionError.status,
    title: InvalidTransitionError.title,
    meaning: `The ${entity} cannot move to that state from its current one; \`allowed\` lists where it can go.`,
  };
}

/** `<entity>.stale_version`: If-Match named an older version (409 with `currentVersion`). */
export function staleVersionEntry(entity: string): ProblemEntry {
  return {
    code: `${codeArea(entity)}.stale_version`,
    status: StaleVersionError.status,
    title: StaleVersionError.title,
    meaning: `The ${entity} changed since you read it; reload it and retry with its current version.`,
  };
}

/** Joins catalogues, refusing a code defined twice (one definition per error). */
export function composeCatalogue(...parts: ProblemEntry[][]): ProblemEntry[] {
  const seen = new Map<string, ProblemEntry>();
  for (const entry of parts.flat()) {
    if (seen.has(entry.code)) throw new Error(`Problem code ${entry.code} is defined twice`);
    seen.set(entry.code, entry);
  }
  return [...seen.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** The problems of the HTTP layer and of every route: input, authentication, the framework. */
export const COMMON_PROBLEMS: ProblemEntry[] = [
  {
    code: 'request.invalid',
    status: ValidationFailedError.status,
    title: ValidationFailedError.title,
    meaning: 'The input breaks a field rule; `errors` lists every field and its problem.',
  },
  {
    code: 'request.malformed',
    status: 400,
    title: 'Bad request',
    meaning: 'The request could not be read (e.g. the body is not valid JSON).',
  },
  {
    code: 'request.too_deep',
    status: 400,
    title: 'Bad request',
    meaning: 'The body nests objects or arrays deeper than this API reads (32 levels).',
  },
  {
    code: 'request.invalid_unicode',
    status: 400,
    title: 'Bad request',
    meaning: 'A text value or key holds a lone UTF-16 surrogate (not well-formed Unicode).',
  },
  {
    code: 'request.timeout',
    status: 408,
    title: 'Request timeout',
    meaning: 'The request did not arrive in full in time; send it again.',
  },
  {
    code: 'request.unstorable_character',
    status: 400,
    title: 'Bad request',
    meaning: 'The input holds a character that cannot be stored, such as U+0000.',
  },
  {
    code: 'auth.unauthenticated',
    status: 401,
    title: 'Authentication required',
    meaning: 'No credentials, or invalid, expired or revoked ones: sign in (again).',
  },
  {
    code: 'auth.forbidden',
    status: 403,
    title: 'Not allowed',
    meaning: 'Signed in, but your role may not do this to this resource.',
  },
  {
    code: 'http.not_found',
    status: 404,
    title: 'Not found',
    meaning: 'No route answers this path.',
  },
  {
    code: 'http.method_not_allowed',
    status: 405,
    title: 'Method not allowed',
    meaning: 'The path exists but does not take this method.',
  },
  {
    code: 'http.not_acceptable',
    status: 406,
    title: 'Error',
    meaning: 'The server cannot answer in a media type the Accept header allows.',
  },
  {
    code: 'request.body_too_large',
    status: 413,
    title: 'Payload too large',
    meaning: 'The body is larger than BODY_LIMIT_BYTES.',
  },
  {
    code: 'request.url_too_long',
    status: 414,
    title: 'Error',
    meaning: 'The URL is longer than the server accepts.',
  },
  {
    code: 'request.unsupported_media_type',
    status: 415,
    title: 'Unsupported media type',
    meaning:
      'Send JSON with Content-Type: application/json (uploads to /documents: multipart/form-data).',
  },
  {
    code: 'request.rate_limited',
    status: 429,
    title: 'Too many requests',
    meaning: 'Too many attempts from this client; retry after Retry-After seconds.',
  },
  {
    code: 'request.headers_too_large',
    status: 431,
    title: 'Error',
    meaning: 'The request headers are larger than the server accepts.',
  },
  {
    code: 'database.duplicate',
    status: 409,
    title: 'Conflict',
    meaning: 'This would duplicate something that must be unique.',
  },
  {
    code: 'database.concurrent_change',
    status: 409,
    title: 'Conflict',
    meaning: 'A concurrent change got in the way; retrying the request is safe.',
  },
  {
    code: 'database.reference_missing',
    status: 422,
    title: 'Business rule violated',
    meaning: 'The input refers to something that does not exist.',
  },
  {
    code: 'database.out_of_range',
    status: 422,
    title: 'Business rule violated',
    meaning: 'A value is outside the range the database allows.',
  },
  {
    code: 'http.error',
    status: 400,
    title: 'Error',
    meaning: 'Another HTTP-level refusal (the status says which).',
  },
  {
    code: 'server.internal',
    status: 500,
    title: 'Internal server error',
    meaning: 'Something went wrong on our side; the correlation id finds it in the logs.',
  },
  {
    code: 'server.unavailable',
    status: 503,
    title: 'Service unavailable',
    meaning: 'A dependency (database, queue) is not answering; retry later.',
  },
];
