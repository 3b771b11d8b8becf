import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { grantDatabasePrivilegesAt, setupAppRole, urlAsRole } from '../app-role';
import { runMigrations } from '../data-source';

/**
 * Test databases: one migrated template per test run, and a fresh clone of it for every test
 * file (`CREATE DATABASE … TEMPLATE …` takes milliseconds). Every name must contain "test":
 * the helper refuses to create or drop anything else.
 */
export const TEST_ADMIN_URL =
  process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The restricted role the tests run the API and the worker as (as production does). Roles are
 * cluster-wide: it is created once, idempotently, and granted inside the template, so every
 * clone carries the grants. It may create schemas, for BullMQ's PostgreSQL backend.
 */
export const TEST_APP_ROLE = 'catalyst_test_app';

export function assertTestDatabaseName(name: string): void {
  if (!/^[a-z0-9_]+$/.test(name) || !name.includes('test')) {
    throw new Error(
      `Refusing to touch database '${name}': test database names must contain "test"`,
    );
  }
}

export function databaseUrl(name: string, adminUrl = TEST_ADMIN_URL): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(name: string): Promise<void> {
  assertTestDatabaseName(name);
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/**
 * Creates and migrates the template database unless it exists. Test files call this in
 * parallel; an advisory lock makes exactly one of them build it while the others wait.
 */
export async function ensureTemplateDatabase(name: string): Promise<string> {
  assertTestDatabaseName(name);
  await admin(async (c) => {
    await c.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    try {
      const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount === 0) {
        await c.query(`CREATE DATABASE "${name}"`);
        try {
          const url = databaseUrl(name);
          await runMigrations(url);
          await setupAppRole(url, urlAsRole(url, TEST_APP_ROLE), { queueSchema: true });
        } catch (error) {
          await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
          throw error;
        }
      }
    } finally {
      await c.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
    }
  });
  return name;
}

export interface TestDatabase {
  name: string;
  /** As the owner (the role the migrations ran as). */
  url: string;
  /** As the app's restricted role, TEST_APP_ROLE. */
  appUrl: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(template: string): Promise<TestDatabase> {
  await ensureTemplateDatabase(template);
  const name = `catalyst_test_${randomBytes(6).toString('hex')}`;
  assertTestDatabaseName(name);
  // Cloning fails while another session is connected to the template; retry briefly when two
  // test files clone at the same instant.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
      break;
    } catch (error) {
      if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
    }
  }
  const url = databaseUrl(name);
  // Database-level rights are not copied from the template.
  await grantDatabasePrivilegesAt(url, TEST_APP_ROLE, { queueSchema: true });
  return { name, url, appUrl: urlAsRole(url, TEST_APP_ROLE), drop: () => dropDatabase(name) };
}
