import { ValidationFailedError } from '../errors/domain-errors';
import { assertSafeInput } from './hostile-input';

function nested(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

function codeOf(run: () => void): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as ValidationFailedError).code;
  }
}

describe('assertSafeInput', () => {
  it('accepts ordinary bodies, nesting up to the limit, and astral characters', () => {
    expect(codeOf(() => assertSafeInput({ a: [1, { b: 'x 😀 é' }], c: null }, 'body'))).toBe(
      undefined,
    );
    expect(codeOf(() => assertSafeInput(nested(32), 'body'))).toBe(undefined);
  });

  it('refuses nesting deeper than the limit, without overflowing on thousands of levels', () => {
    expect(codeOf(() => assertSafeInput(nested(33), 'body'))).toBe('request.too_deep');
    expect(codeOf(() => assertSafeInput(nested(100_000), 'body'))).toBe('request.too_deep');
    expect(codeOf(() => assertSafeInput(nested(5), 'body', 4))).toBe('request.too_deep');
  });

  it('refuses a lone surrogate in a value or a key, naming the field', () => {
    expect(codeOf(() => assertSafeInput({ email: 'a\ud800@example.org' }, 'body'))).toBe(
      'request.invalid_unicode',
    );
    expect(codeOf(() => assertSafeInput({ answers: { ['k\udc00']: 'x' } }, 'body'))).toBe(
      'request.invalid_unicode',
    );
    expect(codeOf(() => assertSafeInput({ q: '\udfff' }, 'query'))).toBe('request.invalid_unicode');
    expect(codeOf(() => assertSafeInput('\ud83d', 'body'))).toBe('request.invalid_unicode');
    try {
      assertSafeInput({ answers: { pitch: ['ok', 'bad\ud800'] } }, 'body');
    } catch (error) {
      expect((error as ValidationFailedError).errors).toEqual([
        { field: 'answers.pitch[1]', message: expect.any(String) },
      ]);
    }
  });
});
