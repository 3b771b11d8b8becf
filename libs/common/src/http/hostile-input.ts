import { ValidationFailedError } from '../errors/domain-errors';

/**
 * How deeply a request body may nest objects and arrays. Our deepest DTO (a challenge's
 * questions with their options) needs 4; anything near this is an attack, and a body nested a
 * few thousand levels overflows the stack of class-transformer and class-validator (a 500).
 */
export const MAX_INPUT_DEPTH = 32;

/**
 * Looks at a parsed body or query string before validation and refuses, with 400, what no DTO
 * can safely see: nesting deeper than `maxDepth`, and text that is not well-formed UTF-16 (a lone
 * surrogate, sent as `"\ud800"` in JSON). Such text makes validator.js throw (a 500), makes
 * PostgreSQL refuse jsonb, and is silently stored as U+FFFD in text columns, so it is refused
 * everywhere, in keys as in values. Walks iteratively: the check itself never overflows.
 */
export function assertSafeInput(
  value: unknown,
  where: 'body' | 'query',
  maxDepth = MAX_INPUT_DEPTH,
): void {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value, depth: 0, path: '' }];
  while (stack.length) {
    const { value: current, depth, path } = stack.pop()!;
    if (typeof current === 'string') {
      if (!isWellFormed(current)) throw malformedText(where, path);
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= maxDepth) {
      throw new ValidationFailedError(
        `The request ${where} nests objects or arrays more than ${maxDepth} levels deep.`,
        [{ field: path || where, message: `must not nest more than ${maxDepth} levels` }],
        'request.too_deep',
      );
    }
    if (Array.isArray(current)) {
      current.forEach((item, i) =>
        stack.push({ value: item, depth: depth + 1, path: `${path}[${i}]` }),
      );
      continue;
    }
    for (const [key, item] of Object.entries(current)) {
      const field = path ? `${path}.${key}` : key;
      if (!isWellFormed(key)) throw malformedText(where, path || where);
      stack.push({ value: item, depth: depth + 1, path: field });
    }
  }
}

/** ES2024's String.prototype.isWellFormed (Node ≥ 20); the project's TypeScript lib is older. */
function isWellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}

function malformedText(where: string, path: string): ValidationFailedError {
  return new ValidationFailedError(
    `The request ${where} contains text that is not valid Unicode (a lone UTF-16 surrogate).`,
    [{ field: path || where, message: 'must be valid Unicode text (no lone surrogates)' }],
    'request.invalid_unicode',
  );
}
