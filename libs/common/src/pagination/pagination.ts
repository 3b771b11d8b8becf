import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { ObjectLiteral, QueryFailedError, SelectQueryBuilder } from 'typeorm';
import { ValidationFailedError } from '../errors/domain-errors';
import { IsOptionalNotNull } from '../http/optional-not-null';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
const CURSOR_COLUMN = 'catalyst_cursor_value';

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
  throw foreignCursor();
}

function foreignCursor(): ValidationFailedError {
  return new ValidationFailedError('The cursor is not one this API issued.', [
    { field: 'cursor', message: 'must be a nextCursor value returned by this list' },
  ]);
}

/** PostgreSQL's class 22 (data exception): a value that cannot be read as the column's type. */
function isDataException(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: string } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('22');
}

export interface KeysetOptions<E> {
  /** Query alias of the listed entity. */
  alias: string;
  /** Sort key: a column of the entity (property name); ties are broken by `id`. */
  sortBy: keyof E & string;
  direction: 'ASC' | 'DESC';
  limit?: number;
  cursor?: string;
  /** How to read the sort value from a row for the next cursor. */
  sortValue?: (row: E) => CursorValue;
}

/**
 * Keyset pagination over (sortBy, id): stable under inserts, one query per page however deep.
 * Fetches one row past the page to know whether another page exists.
 */
export async function paginate<E extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<E>,
  options: KeysetOptions<E>,
): Promise<Page<E>> {
  const limit = options.limit ?? DEFAULT_PAGE_SIZE;
  const { alias, sortBy, direction } = options;
  const op = direction === 'ASC' ? '>' : '<';
  if (options.cursor) {
    const [value, id] = decodeCursor(options.cursor, 2);
    qb.andWhere(`(${alias}.${sortBy}, ${alias}.id) ${op} (:cursorValue, :cursorId)`, {
      cursorValue: value,
      cursorId: id,
    });
  }
  // The cursor carries the sort value exactly as PostgreSQL prints it: a JS Date would drop
  // timestamp microseconds and the next page would skip or repeat rows at the boundary.
  const column = qb.expressionMap
    .findAliasByName(alias)
    .metadata.findColumnWithPropertyPath(sortBy);
  if (!column) throw new Error(`paginate: ${alias} has no column ${sortBy}`);
  qb.addSelect(`"${alias}"."${column.databaseName}"::text`, CURSOR_COLUMN)
    .orderBy(`${alias}.${sortBy}`, direction)
    .addOrderBy(`${alias}.id`, direction)
    .take(undefined)
    .limit(limit + 1);
  let result: { entities: E[]; raw: Record<string, unknown>[] };
  try {
    result = await qb.getRawAndEntities<Record<string, unknown>>();
  } catch (error) {
    // A well-formed cursor whose values PostgreSQL cannot read as the sort column or the id
    // (["x", "y"]) was not issued by us: 400, not 500. Other inputs are validated before here.
    if (options.cursor && isDataException(error)) throw foreignCursor();
    throw error;
  }
  const { entities, raw } = result;
  const items = entities.slice(0, limit);
  const last = items[items.length - 1];
  let nextCursor: string | null = null;
  if (entities.length > limit && last) {
    const exact = raw.find((row) => row[`${alias}_id`] === last.id)?.[CURSOR_COLUMN];
    const value = options.sortValue
      ? options.sortValue(last)
      : typeof exact === 'string'
        ? exact
        : toCursorValue(last[sortBy]);
    nextCursor = encodeCursor([value, last.id]);
  }
  return { items, nextCursor };
}

function toCursorValue(value: unknown): CursorValue {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'string') return value;
  return String(value);
}

export function mapPage<T, U>(page: Page<T>, map: (item: T) => U): Page<U> {
  return { items: page.items.map(map), nextCursor: page.nextCursor };
}
