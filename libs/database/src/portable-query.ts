import type { SchemaQuery } from './data-source';

/**
 * TypeORM records generated columns in typeorm_metadata with the database's name as a
 * parameter; a migration must not bake in the name of the database it was generated on.
 */
export function portable(query: SchemaQuery, databaseName: string): SchemaQuery {
  if (!query.parameters?.includes(databaseName)) return query;
  const kept: unknown[] = [];
  const renumber = new Map<number, string>();
  query.parameters.forEach((value, index) => {
    if (value === databaseName) renumber.set(index + 1, 'current_database()');
    else {
      kept.push(value);
      renumber.set(index + 1, `$${kept.length}`);
    }
  });
  return {
    query: query.query.replace(/\$(\d+)/g, (m, n: string) => renumber.get(Number(n)) ?? m),
    parameters: kept.length ? kept : undefined,
  };
}
