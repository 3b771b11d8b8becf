import { Client } from 'pg';
import { MIGRATIONS_TABLE } from './data-source';

/**
 * The database role the API and the worker connect as. The migrations run as the owner of the
 * tables; the app gets only what it needs. That is what makes the audit trail's append-only
 * trigger hold: an owner can `ALTER TABLE … DISABLE TRIGGER`, and a superuser can
 * `SET session_replication_role = replica`; a role that owns nothing and holds no UPDATE,
 * DELETE or TRUNCATE on audit_events can do neither, nor rewrite the rows.
 *
 * - the usual DML (SELECT, INSERT, UPDATE, DELETE) on every table of schema `public`, and on
 *   the tables later migrations create (default privileges of the role that runs them);
 * - INSERT and SELECT only on the append-only tables, SELECT only on the migrations ledger;
 * - no UPDATE on the write-once tables (a document's content never changes once stored; it
 *   may only be deleted). Row locks (`FOR SHARE`) need UPDATE, so only tables nothing locks;
 * - no ownership and no DDL in `public`. With `queueSchema` (BullMQ's PostgreSQL backend) it
 *   may also create schemas: BullMQ creates and migrates its own schema `bullmq` when it
 *   connects, and a sequence per queue later, so the app owns that schema (and only that).
 */
export const APP_ROLE_DEFAULT = 'catalyst_app';

/** Tables the app may only append to and read. */
export const APPEND_ONLY_TABLES = [
  'audit_events',
  // The contracts' history: amendments, the payment ledger (reversals are new entries) and
  // the startups' outcomes (corrections are new entries).
  'contract_amendments',
  'contract_payments',
  'outcomes',
] as const;

/** Tables whose rows the app writes once and may delete, but never changes. */
export const WRITE_ONCE_TABLES = ['document_chunks'] as const;

export interface AppRoleOptions {
  /** Let the role create the `bullmq` schema (QUEUE_BACKEND=postgres). */
  queueSchema?: boolean;
}

export interface AppRole {
  role: string;
  created: boolean;
}

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The role name (and password, if any) of an app connection string. */
export function appRoleOf(appUrl: string): { role: string; password?: string } {
  const url = new URL(appUrl);
  const role = decodeURIComponent(url.username);
  if (!ROLE_NAME.test(role)) {
    throw new Error(
      `DATABASE_APP_URL must name the app's role as its user, in lower case letters, digits and _ (it names '${role}')`,
    );
  }
  return { role, password: url.password ? decodeURIComponent(url.password) : undefined };
}

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'catalyst-roles' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates the app's role unless it exists (roles are cluster-wide; concurrent callers are
 * fine) and grants it its privileges in the database `ownerUrl` points at, as that owner.
 * Idempotent: `migrate run` calls it after every migration run. An existing role's attributes
 * and password are left alone (a DBA may manage them).
 */
export async function setupAppRole(
  ownerUrl: string,
  appUrl: string,
  options: AppRoleOptions = {},
): Promise<AppRole> {
  const { role, password } = appRoleOf(appUrl);
  return withClient(ownerUrl, async (c) => {
    const [{ owner }] = (await c.query<{ owner: string }>('SELECT current_user AS owner')).rows;
    if (owner === role) {
      throw new Error(
        `DATABASE_APP_URL uses the migrations' own role '${role}': the app needs a role of its own`,
      );
    }
    const created = await ensureRole(c, role, password);
    await grantDatabasePrivileges(c, role, options);
    const r = c.escapeIdentifier(role);
    const o = c.escapeIdentifier(owner);
    await c.query('BEGIN');
    try {
      for (const sql of [
        `GRANT USAGE ON SCHEMA public TO ${r}`,
        `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
        `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
        `ALTER DEFAULT PRIVILEGES FOR ROLE ${o} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`,
        `ALTER DEFAULT PRIVILEGES FOR ROLE ${o} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${r}`,
        ...APPEND_ONLY_TABLES.map(
          (table) =>
            `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${c.escapeIdentifier(table)} FROM ${r}`,
        ),
        ...WRITE_ONCE_TABLES.map(
          (table) =>
            `REVOKE UPDATE, TRUNCATE, REFERENCES, TRIGGER ON ${c.escapeIdentifier(table)} FROM ${r}`,
        ),
        `REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${c.escapeIdentifier(MIGRATIONS_TABLE)} FROM ${r}`,
      ]) {
        await c.query(sql);
      }
      await c.query('COMMIT');
    } catch (error) {
      await c.query('ROLLBACK');
      throw error;
    }
    return { role, created };
  });
}

async function ensureRole(c: Client, role: string, password?: string): Promise<boolean> {
  const exists = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  if (exists.rowCount) return false;
  const withPassword = password ? ` PASSWORD ${c.escapeLiteral(password)}` : '';
  try {
    await c.query(
      `CREATE ROLE ${c.escapeIdentifier(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT${withPassword}`,
    );
    return true;
  } catch (error) {
    // Another process created it at the same moment.
    const code = (error as { code?: string }).code;
    if (code === '42710' || code === '23505') return false;
    throw error;
  }
}

/**
 * Database-level rights, which are not copied when a database is cloned from a template: to
 * connect, and (BullMQ's PostgreSQL backend only) to create its schema.
 */
export async function grantDatabasePrivileges(
  c: Client,
  role: string,
  options: AppRoleOptions = {},
): Promise<void> {
  const [{ db }] = (await c.query<{ db: string }>('SELECT current_database() AS db')).rows;
  const d = c.escapeIdentifier(db);
  const r = c.escapeIdentifier(role);
  await c.query(`GRANT CONNECT ON DATABASE ${d} TO ${r}`);
  await c.query(
    options.queueSchema
      ? `GRANT CREATE ON DATABASE ${d} TO ${r}`
      : `REVOKE CREATE ON DATABASE ${d} FROM ${r}`,
  );
}

/** The same, for a database the caller is connected to as its owner (e.g. a test clone). */
export function grantDatabasePrivilegesAt(
  ownerUrl: string,
  role: string,
  options: AppRoleOptions = {},
): Promise<void> {
  return withClient(ownerUrl, (c) => grantDatabasePrivileges(c, role, options));
}

/** `url` with the app's role (and password) as its user. */
export function urlAsRole(url: string, role: string, password?: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(role);
  u.password = password ? encodeURIComponent(password) : '';
  return u.toString();
}
