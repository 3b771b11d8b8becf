/**
 * The same value with object keys in sorted order. PostgreSQL's jsonb stores keys in its own
 * order, so comparing stored content with new content needs a canonical form first.
 */
export function canonical<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => canonical(v)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    ) as T;
  }
  return value;
}
