import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { ObjectLiteral, QueryFailedError, SelectQueryBuilder } from 'typeorm';
import { ForeignCursorError } from './pagination.errors';
import { IsOptionalNotNull } from '../http/optional-not-null';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
const SORT_KEY = 'keyset_sort_key';

export class PageQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    default: DEFAULT_PAGE_SIZE,
  })
  @IsOptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page’s nextCursor' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

type CursorValue = string | number;

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): CursorValue[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => typeof v === 'string' || typeof v === 'number')
    ) {
      return values;
    }
  } catch {
    // fall through to the validation error below
  }
  throw new ForeignCursorError();
}

const BIGINT = /^[1-9]\d{0,18}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
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

/** PostgreSQL's class 22 (data exception): a value that cannot be read as the column's type. */
function isDataException(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: string } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('22');
}

type SortKey<E> =
  /** A column of the listed entity (property name). */
  | { sortBy: keyof E & string; sortExpression?: never; sortType?: never }
  /**
   * An SQL expression, possibly on a joined table (`r.closes_at`), and the SQL type the
   * cursor's value is read back as.
   */
  | { sortExpression: string; sortType: 'timestamptz' | 'text'; sortBy?: never };

export type KeysetOptions<E> = SortKey<E> & {
  /** Query alias of the listed entity; its `id` breaks ties unless `tiebreak` says otherwise. */
  alias: string;
  /**
   * A unique column that breaks ties instead of `id`, when the list's order is a sequence the
   * rows were written in (the audit trail's `seq`): its property name on the entity.
   */
  tiebreak?: { property: keyof E & string; column: string; type: 'bigint' };
  direction: 'ASC' | 'DESC';
  limit?: number;
  cursor?: string;
};

/**
 * The one keyset paginator: every list pages with it, over (sort key, id), in one query per
 * page however deep and whatever the page size (it fetches one row past the page to know
 * whether another exists). The cursor carries the sort value as PostgreSQL prints it, so
 * timestamps keep their microseconds: a JavaScript Date would round them and the next page
 * would skip or repeat rows at the boundary. A cursor this API did not issue is a 400.
 */
export async function paginate<E extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<E>,
  options: KeysetOptions<E>,
): Promise<Page<E>> {
  const limit = options.limit ?? DEFAULT_PAGE_SIZE;
  const { alias, direction, tiebreak } = options;
  const { expression, type } = sortKeyOf(qb, options);
  const tieColumn = tiebreak ? `${alias}.${tiebreak.column}` : `${alias}.id`;
  const tieType = tiebreak ? tiebreak.type : 'uuid';
  const tieValue = (entity: E): string => String(entity[tiebreak ? tiebreak.property : 'id']);
  if (options.cursor) {
    const [value, id] = decodeCursor(options.cursor, 2);
    if (
      typeof value !== 'string' ||
      typeof id !== 'string' ||
      !(tiebreak ? BIGINT.test(id) : UUID.test(id)) ||
      (type === 'timestamptz' && !isCursorTimestamp(value)) ||
      value.includes('\u0000')
    ) {
      throw new ForeignCursorError();
    }
    const op = direction === 'ASC' ? '>' : '<';
    const cursorValue = type ? `CAST(:keysetValue AS ${type})` : ':keysetValue';
    qb.andWhere(
      `(${expression}, ${tieColumn}) ${op} (${cursorValue}, CAST(:keysetId AS ${tieType}))`,
      { keysetValue: value, keysetId: id },
    );
  }
  qb.addSelect(`to_json(${expression}) #>> '{}'`, SORT_KEY)
    .orderBy(expression, direction)
    .addOrderBy(tieColumn, direction)
    .take(undefined)
    .limit(limit + 1);
  let result: { entities: E[]; raw: Record<string, unknown>[] };
  try {
    result = await qb.getRawAndEntities<Record<string, unknown>>();
  } catch (error) {
    // A well-formed cursor whose value PostgreSQL still cannot read as the sort column's type
    // was not issued by us: 400, not 500.
    if (options.cursor && isDataException(error)) throw new ForeignCursorError();
    throw error;
  }
  const { entities, raw } = result;
  const items = entities.slice(0, limit);
  const last = items[items.length - 1];
  let nextCursor: string | null = null;
  if (entities.length > limit && last) {
    const row = raw.find((r) => r[`${alias}_id`] === last.id);
    nextCursor = encodeCursor([String(row?.[SORT_KEY]), tieValue(last)]);
  }
  return { items, nextCursor };
}

function sortKeyOf<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  options: KeysetOptions<E>,
): { expression: string; type?: 'timestamptz' | 'text' } {
  if (options.sortExpression !== undefined) {
    return { expression: options.sortExpression, type: options.sortType };
  }
  const column = qb.expressionMap
    .findAliasByName(options.alias)
    .metadata.findColumnWithPropertyPath(options.sortBy);
  if (!column) throw new Error(`paginate: ${options.alias} has no column ${options.sortBy}`);
  const timestamp = typeof column.type === 'string' && column.type.startsWith('timestamp');
  // Other types are left for PostgreSQL to infer from the column (text, citext, …).
  return {
    expression: `"${options.alias}"."${column.databaseName}"`,
    type: timestamp ? 'timestamptz' : undefined,
  };
}

export function mapPage<T, U>(page: Page<T>, map: (item: T) => U): Page<U> {
  return { items: page.items.map(map), nextCursor: page.nextCursor };
}
