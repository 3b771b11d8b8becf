import type { Type } from '@nestjs/common';
import { createValidationPipe } from '@catalyst/common';

const pipe = createValidationPipe();

/** A form's fields as posted (strings), without the CSRF token. */
export function formBody(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!body || typeof body !== 'object') return out;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (key === '_csrf') continue;
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value) && typeof value[0] === 'string') out[key] = value[0];
  }
  return out;
}

/**
 * The same input validation the API applies to the same DTO (class-validator, whitelist):
 * a ValidationFailedError with field problems when the input is not valid.
 */
export async function validated<T extends object>(dto: Type<T>, input: object): Promise<T> {
  return (await pipe.transform(input, { type: 'body', metatype: dto })) as T;
}

/** A local path to go back to after signing in (never another site). */
export function safeNext(next: unknown, fallback = '/'): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : fallback;
}
