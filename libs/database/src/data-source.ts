import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entity-registry';
import { loadMigrations } from './migrations';
import { SnakeNamingStrategy } from './naming.strategy';
import { POOL_EXTRA } from './resilient-client';

export const MIGRATIONS_TABLE = 'schema_migrations';

export function dataSourceOptions(
  url: string,
  overrides: Partial<{ poolSize: number; applicationName: string; logging: boolean }> = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: loadMigrations(),
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension (or superuser) needed.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    poolSize: overrides.poolSize ?? 10,
    logging: overrides.logging ?? false,
    extra: { ...POOL_EXTRA, application_name: overrides.applicationName ?? 'catalyst' },
  };
}

export function createDataSource(url: string, applicationName = 'catalyst'): DataSource {
  return new DataSource(dataSourceOptions(url, { applicationName }));
}

/** Applies pending migrations; returns the names applied. */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = createDataSource(url, 'catalyst-migrate');
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

export interface SchemaQuery {
  query: string;
  parameters?: unknown[];
}

/** SQL that would bring the schema in line with the entities (empty when in sync). */
export async function pendingSchemaChanges(
  ds: DataSource,
): Promise<{ up: SchemaQuery[]; down: SchemaQuery[] }> {
  const log = await ds.driver.createSchemaBuilder().log();
  const plain = (q: { query: string; parameters?: unknown[] }): SchemaQuery => ({
    query: q.query,
    parameters: q.parameters?.length ? q.parameters : undefined,
  });
  return { up: log.upQueries.map(plain), down: log.downQueries.map(plain).reverse() };
}
