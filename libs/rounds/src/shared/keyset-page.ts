import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import {
  DEFAULT_PAGE_SIZE,
  Page,
  ValidationFailedError,
  decodeCursor,
  encodeCursor,
} from '@catalyst/common';

export interface ExpressionKeyset {
  /** Query alias of the listed entity (its `id` breaks ties). */
  alias: string;
  /** SQL expression of the sort key, possibly on a joined table (`r.closes_at`). */
  sortExpression: string;
  /** SQL type the cursor's sort value is cast back to. */
  sortType: 'timestamptz' | 'text';
  direction: 'ASC' | 'DESC';
  limit?: number;
  cursor?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SORT_KEY = 'keyset_sort_key';
/** How `to_json(timestamptz)` prints an instant: `2027-01-14T09:00:00.123456+00:00`. */
const PG_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(?:Z|[+-](\d{2})(?::(\d{2}))?)$/;

/**
 * Whether PostgreSQL reads `value` as a timestamptz. `Date.parse` is not the test: it accepts
 * `"1"`, `"2027-02-30T…"` or six-digit years, which PostgreSQL refuses (an error, not a 400).
 */
export function isCursorTimestamp(value: string): boolean {
  const m = PG_TIMESTAMP.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = m
    .slice(1)
    .map((part) => (part === undefined ? 0 : Number(part)));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return (
    year >= 1 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 15 &&
    offsetMinutes <= 59
  );
}

/**
 * Keyset pagination over (SQL expression, id), in one query per page. Unlike the common
 * `paginate`, the sort key may live on a joined table, and its cursor value is read back from
 * PostgreSQL as text, so timestamps keep their microseconds (a JavaScript Date would round
 * them and skip or repeat rows at page boundaries).
 */
export async function keysetPage<E extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<E>,
  options: ExpressionKeyset,
): Promise<Page<E>> {
  const limit = options.limit ?? DEFAULT_PAGE_SIZE;
  const { alias, sortExpression, sortType, direction } = options;
  if (options.cursor) {
    const [value, id] = decodeCursor(options.cursor, 2);
    if (
      typeof value !== 'string' ||
      typeof id !== 'string' ||
      !UUID.test(id) ||
      (sortType === 'timestamptz' && !isCursorTimestamp(value)) ||
      value.includes('\u0000')
    ) {
      throw new ValidationFailedError('The cursor is not one this API issued.', [
        { field: 'cursor', message: 'must be a nextCursor value returned by this list' },
      ]);
    }
    const op = direction === 'ASC' ? '>' : '<';
    qb.andWhere(
      `(${sortExpression}, ${alias}.id) ${op} (CAST(:keysetValue AS ${sortType}), CAST(:keysetId AS uuid))`,
      { keysetValue: value, keysetId: id },
    );
  }
  qb.addSelect(`to_json(${sortExpression}) #>> '{}'`, SORT_KEY)
    .orderBy(sortExpression, direction)
    .addOrderBy(`${alias}.id`, direction)
    .limit(limit + 1);
  const { entities, raw } = await qb.getRawAndEntities<Record<string, unknown>>();
  const items = entities.slice(0, limit);
  const last = items[items.length - 1];
  let nextCursor: string | null = null;
  if (entities.length > limit && last) {
    const row = raw.find((r) => r[`${alias}_id`] === last.id);
    nextCursor = encodeCursor([String(row?.[SORT_KEY]), last.id]);
  }
  return { items, nextCursor };
}
