/**
 * `npm start`: the quick start. Fills in what the environment leaves unset (an embedded
 * PostgreSQL under .data/postgres, a JWT secret kept in .data/jwt-secret, the queue backend:
 * Redis when it answers, else BullMQ's PostgreSQL backend), applies the migrations, then runs the
 * API and the worker as child processes (connected as the restricted app role, see
 * libs/database/src/app-role.ts) until Ctrl-C / SIGTERM, and stops them in order: the
 * children first (SIGTERM, bounded wait, SIGKILL), then PostgreSQL. See API.md, "Configuration".
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { APP_ROLE_DEFAULT, runMigrations, setupAppRole, urlAsRole } from '@catalyst/database';
import { Child, describeExit, stopChildren, waitUntilReady } from './children';
import { EmbeddedDatabase, listenOnce } from './embedded-database';
import { quickStartAdmin } from './first-admin';
import { quickStartJwtSecret } from './jwt-secret';
import { errorMessage, log, logError, redactUrl, seconds, within } from './log';
import { chooseQueueBackend } from './queue-backend';
import { readyLines } from './ready-message';
import { WORKER_NODE_FLAGS } from '../../worker/src/node-flags';

/** The repository root (this file runs as dist/apps/quickstart/src/main.js). */
const ROOT = resolve(__dirname, '../../../..');
const DATA = join(ROOT, '.data');
const CHILD_GRACE_MS = 15_000;
const READY_TIMEOUT_MS = 90_000;
/** The embedded cluster listens on localhost only, so a fixed development password is fine. */
const EMBEDDED_APP_PASSWORD = 'catalyst_app';

const children: Child[] = [];
let database: EmbeddedDatabase | undefined;
let stopping: Promise<void> | undefined;
/** A start-up step that must finish before tearing down (the migrations). */
let inFlight: Promise<unknown> = Promise.resolve();

function shutdown(code: number, why: string): Promise<void> {
  stopping ??= (async () => {
    (code ? logError : log)(why);
    await within(inFlight, 60_000, 'start-up step still running').catch(() => undefined);
    await stopChildren(children, CHILD_GRACE_MS);
    await database?.stop();
    log(code ? 'Stopped after an error (see above).' : 'Stopped.');
    process.exit(code);
  })();
  return stopping;
}

function installSignalHandlers(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (!stopping) {
        void shutdown(
          0,
          `Received ${signal}: stopping Catalyst (Ctrl-C again to kill the API and the worker at once)...`,
        );
      } else if (signal === 'SIGINT') {
        logError('Killing the API and the worker now (SIGKILL).');
        for (const child of children) child.kill('SIGKILL');
      }
    });
  }
  process.on(
    'uncaughtException',
    (error) => void shutdown(1, `Launcher error: ${errorMessage(error)}`),
  );
  process.on(
    'unhandledRejection',
    (error) => void shutdown(1, `Launcher error: ${errorMessage(error)}`),
  );
}

async function main(): Promise<void> {
  const began = Date.now();
  installSignalHandlers();
  const env: NodeJS.ProcessEnv = { ...process.env };
  env.NODE_ENV = env.NODE_ENV?.trim() || 'development';
  const port = Number(env.PORT?.trim() || 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`PORT must be a port number from 1 to 65535 (it is '${env.PORT}')`);
  }
  env.PORT = String(port);
  log(`Starting Catalyst (quick start, NODE_ENV=${env.NODE_ENV}, Node ${process.versions.node}).`);

  const scripts = {
    // The API and the web application, one process on one port (api-and-web.ts).
    api: join(ROOT, 'dist/apps/quickstart/src/api-and-web.js'),
    worker: join(ROOT, 'dist/apps/worker/src/main.js'),
  };
  for (const script of Object.values(scripts)) {
    if (!existsSync(script))
      throw new Error(`${relative(ROOT, script)} is missing: run \`npm run build\` first`);
  }
  await listenOnce(port, '0.0.0.0').catch(() => {
    throw new Error(
      `port ${port} is already in use; choose another one, e.g. \`PORT=3001 npm start\``,
    );
  });

  // 1. PostgreSQL
  if (env.DATABASE_URL?.trim()) {
    log(`Database: DATABASE_URL from the environment (${redactUrl(env.DATABASE_URL)}).`);
  } else {
    log(
      'DATABASE_URL is not set: using an embedded PostgreSQL server (data kept in .data/postgres).',
    );
    database = new EmbeddedDatabase(DATA, ROOT);
    env.DATABASE_URL = await database.start(
      (why) => void shutdown(1, `Stopping everything: ${why}`),
    );
    if (stopping) return;
  }

  // 2. JWT secret
  if (env.JWT_SECRET?.trim()) {
    log('JWT_SECRET: from the environment.');
  } else {
    const { secret, created, file } = quickStartJwtSecret(DATA);
    env.JWT_SECRET = secret;
    log(
      created
        ? `JWT_SECRET was not set: generated one and kept it in ${relative(ROOT, file)} (mode 600) for later runs.`
        : `JWT_SECRET was not set: using the one kept in ${relative(ROOT, file)}.`,
    );
  }

  // 3. Queue backend
  const { backend, reason } = await chooseQueueBackend(env);
  env.QUEUE_BACKEND = backend;
  log(`Queue backend: ${backend}, because ${reason}.`);
  if (stopping) return;

  // 4. Migrations, in this process
  const migrationsBegan = Date.now();
  const migrations = runMigrations(env.DATABASE_URL).catch((error: unknown) => {
    const hint = database
      ? `\n(The embedded database keeps its data in ${relative(ROOT, database.dir)}; if the ` +
        `migrations were rewritten since it was created, stop, delete that folder, and start again.)`
      : '';
    throw new Error(`the migrations failed: ${errorMessage(error)}${hint}`, { cause: error });
  });
  inFlight = migrations.catch(() => undefined);
  const applied = await migrations;
  log(
    applied.length
      ? `Applied ${applied.length} migration(s) in ${seconds(migrationsBegan)}: ${applied.join(', ')}.`
      : `Database schema is up to date (no pending migrations, checked in ${seconds(migrationsBegan)}).`,
  );
  if (stopping) return;

  // 4b. The API and the worker connect as a role that owns nothing and may only append to the
  // audit trail; the migrations (above) ran as the owner.
  const ownerUrl = env.DATABASE_URL;
  const appUrl =
    env.DATABASE_APP_URL?.trim() ||
    (database ? urlAsRole(ownerUrl, APP_ROLE_DEFAULT, EMBEDDED_APP_PASSWORD) : undefined);
  if (appUrl) {
    const { role, created } = await setupAppRole(ownerUrl, appUrl, {
      queueSchema: backend === 'postgres',
    });
    log(
      `The API and the worker connect as the role '${role}' (${created ? 'created now; ' : ''}DML on the tables, append-only audit trail).`,
    );
  } else {
    log(
      "DATABASE_APP_URL is not set: the API and the worker connect as DATABASE_URL's role (set DATABASE_APP_URL to run them as a restricted role, see the README).",
    );
  }
  if (stopping) return;

  // 5. A first programme manager, so every part of the product can be tried at once
  let adminHint: string | undefined;
  if (env.BOOTSTRAP_ADMIN_EMAIL?.trim() || env.BOOTSTRAP_ADMIN_PASSWORD?.trim()) {
    log('First programme manager: BOOTSTRAP_ADMIN_* from the environment.');
  } else {
    const admin = await quickStartAdmin(DATA, env.DATABASE_URL);
    if (admin) {
      env.BOOTSTRAP_ADMIN_EMAIL = admin.credentials.email;
      env.BOOTSTRAP_ADMIN_PASSWORD = admin.credentials.password;
      // The generated password is shown once, when it is made; later runs point to the file.
      adminHint = admin.created
        ? `Sign in: ${admin.credentials.email} / ${admin.credentials.password} ` +
          `(programme manager; kept in ${relative(ROOT, admin.file)})`
        : `Sign in: ${admin.credentials.email} (programme manager; password in ${relative(ROOT, admin.file)})`;
      log(
        admin.created
          ? `No user yet and no BOOTSTRAP_ADMIN_*: created credentials for a first programme manager in ${relative(ROOT, admin.file)} (mode 600).`
          : `First programme manager: the credentials kept in ${relative(ROOT, admin.file)}.`,
      );
    }
  }
  if (stopping) return;

  // 6. The API and the worker
  if (appUrl) env.DATABASE_URL = appUrl;
  delete env.DATABASE_APP_URL;
  children.push(
    new Child('API', scripts.api, env, ROOT),
    new Child('worker', scripts.worker, env, ROOT, WORKER_NODE_FLAGS),
  );
  log(
    `Started the API (pid ${children[0].pid}) and the worker (pid ${children[1].pid}); waiting for the API...`,
  );
  for (const child of children) {
    void child.exited.then((exit) => {
      if (!stopping) {
        void shutdown(
          1,
          `The ${child.name} exited on its own (${describeExit(exit)}); stopping everything. Its messages are above.`,
        );
      }
    });
  }

  const [ready, workerReady] = await Promise.all([
    waitUntilReady(`http://127.0.0.1:${port}/health/ready`, READY_TIMEOUT_MS, () => !!stopping),
    within(children[1].reportedReady, READY_TIMEOUT_MS, 'not ready').then(
      () => true,
      () => false,
    ),
  ]);
  if (stopping) return;
  if (ready.ready && workerReady) {
    // Last, after the API's and the worker's start-up lines, so it is what one sees.
    for (const line of readyLines({ port, adminHint, began, backend })) log(line);
  } else if (!ready.ready) {
    logError(
      `The API has not answered http://localhost:${port}/health/ready with 200 after ` +
        `${READY_TIMEOUT_MS / 1000} s (last answer: ${ready.last}). Still running; see the messages above.`,
    );
  } else {
    logError(
      `The worker has not reported ready after ${READY_TIMEOUT_MS / 1000} s. Still running; see the messages above.`,
    );
  }
}

main().catch(
  (error: unknown) => void shutdown(1, `Could not start Catalyst: ${errorMessage(error)}`),
);
