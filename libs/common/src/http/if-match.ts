import { StaleVersionError, ValidationFailedError } from '../errors/domain-errors';

/**
 * Parses an `If-Match` header carrying a resource version. Accepts `3`, `"3"` and `W/"3"`
 * (clients that treat it as an ETag). Absent header → undefined (no precondition).
 */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined || header === '') return undefined;
  const raw = Array.isArray(header) ? header[0] : header;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(raw.trim());
  if (!match) {
    throw new ValidationFailedError('If-Match must carry the resource version, e.g. If-Match: 3', [
      { field: 'If-Match', message: 'must be the integer version of the resource' },
    ]);
  }
  return Number(match[1]);
}

/** Throws 409 when the client's version is not the stored one. */
export function assertVersion(entity: string, expected: number | undefined, actual: number): void {
  if (expected !== undefined && expected !== actual) {
    throw new StaleVersionError(entity, expected, actual);
  }
}
