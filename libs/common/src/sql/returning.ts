import { EntityManager } from 'typeorm';

/**
 * Rows from `… RETURNING`. TypeORM answers raw queries with `[rows, rowCount]` for UPDATE and
 * DELETE (a `WITH … UPDATE` too) but with the rows for everything else; this gives the rows
 * either way. Every raw `UPDATE`/`DELETE … RETURNING` goes through it: reading the pair as rows
 * sees two "rows" whatever matched.
 */
export async function returning<T>(
  manager: EntityManager,
  sql: string,
  parameters: unknown[],
): Promise<T[]> {
  const raw: unknown = await manager.query(sql, parameters);
  if (
    Array.isArray(raw) &&
    raw.length === 2 &&
    Array.isArray(raw[0]) &&
    typeof raw[1] === 'number'
  ) {
    return raw[0] as T[];
  }
  return raw as T[];
}
