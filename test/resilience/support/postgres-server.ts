import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { Child, eventually, freePort, tempFolder } from './processes';
import { ROOT } from './root';

/** Debian's PostgreSQL binaries (the newest installed major version). */
function binaries(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    : [];
  if (!versions.length) throw new Error('No PostgreSQL server binaries under /usr/lib/postgresql');
  return join(base, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin');
}

/** PostgreSQL refuses to run as root: as root the cluster belongs to the `postgres` user. */
function runAs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

/**
 * A PostgreSQL cluster of the test's own (initdb in a temporary folder, its own port, trust
 * authentication on loopback), started as a child process so that it can be stopped, killed
 * and restarted; the shared server on 5432 is never touched.
 */
export class PostgresServer {
  readonly folder = tempFolder('pg');
  readonly data = join(this.folder, 'data');
  port = 0;
  private child?: Child;
  private readonly user = runAs();

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/catalyst`;
  }

  async init(): Promise<this> {
    this.port = await freePort();
    if (this.user.uid !== undefined) chownSync(this.folder, this.user.uid, this.user.gid!);
    const result = spawnSync(
      join(binaries(), 'initdb'),
      ['-D', this.data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync'],
      { ...this.user, encoding: 'utf8' },
    );
    if (result.status !== 0) throw new Error(`initdb failed: ${result.stderr || result.error}`);
    await this.start();
    await this.admin((c) => c.query('CREATE DATABASE catalyst'));
    const migrate = spawnSync(
      process.execPath,
      [join(ROOT, 'dist/libs/database/src/cli/migrate.js'), 'run'],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: this.url }, encoding: 'utf8' },
    );
    if (migrate.status !== 0) {
      throw new Error(`migrations failed (run npm run build first?): ${migrate.stderr}`);
    }
    return this;
  }

  async start(): Promise<void> {
    this.child = new Child(
      `postgres:${this.port}`,
      join(binaries(), 'postgres'),
      [
        '-D',
        this.data,
        '-p',
        String(this.port),
        '-k',
        this.folder,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
        '-c',
        'max_connections=200',
        // A client that died (a SIGKILLed worker) has its running or waiting statement
        // cancelled within a second, as production should configure it, instead of the
        // statement going on to change data after the client is gone.
        '-c',
        'client_connection_check_interval=1000',
      ],
      { ...this.user, logFile: join(this.folder, 'postgres.log') },
    );
    await eventually(`PostgreSQL on ${this.port} accepts connections`, () =>
      this.admin((c) => c.query('SELECT 1')).then(() => true),
    );
  }

  /** Fast shutdown (open sessions are terminated, as on a restart or failover). */
  async stop(): Promise<void> {
    await this.child?.stop('SIGINT', 30_000);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async admin<T>(fn: (client: Client) => Promise<T>, database = 'postgres'): Promise<T> {
    const client = new Client({
      connectionString: `postgres://postgres@127.0.0.1:${this.port}/${database}`,
      connectionTimeoutMillis: 2000,
    });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** One query on the app's database. */
  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.admin(async (c) => (await c.query(sql, params)).rows as T[], 'catalyst');
  }

  async count(sql: string, params: unknown[] = []): Promise<number> {
    const [row] = await this.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (${sql}) q`,
      params,
    );
    return row.n;
  }
}
