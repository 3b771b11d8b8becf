/**
 * `npm run bench -- [--scale 0.25|1|4] [--quick] [--seconds N] [--rounds N]`
 *
 * Builds its own database (`catalyst_bench`, dropped and created again on every run), seeds a
 * long-running programme (seed.ts), starts the built API and a bare `node:http` + `pg` server
 * (bare-server.ts) on ports of their own, and measures each operation beside its baseline,
 * interleaved A, B, A, B for `rounds` rounds; the median of each side is reported. Prints a
 * table and writes bench/results/latest.json. Asserts nothing: the targets are reported as met
 * or not.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Pool } from 'pg';
import { STAGE_RANKING_SQL } from '../libs/assessment/src/ranking/ranking.sql';
import { hammer, interleave, median, type Sample, timeSequential } from './measure';
import { WORKER_NODE_FLAGS } from '../apps/worker/src/node-flags';
import { type ReminderRound, ReminderBench } from './reminders';
import { type Growth, growth, type GrowthInput, growthTable } from './growth';
import { buildReport, growContracts, type ReportRequest, type ReportRun } from './reports';
import { countsFor, seed, type SeededIds, tableCounts } from './seed';
import { fetchPage, signInToWeb } from './web-pages';

const ROOT = resolve(__dirname, '..', '..');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const QUICK = flag('quick');
const SCALE = option('scale', QUICK ? 0.05 : 1);
const SECONDS = option('seconds', QUICK ? 1 : 5);
/** --quick: one round (it shows the run still works); otherwise at least 3 (median of 3). */
const ROUNDS = QUICK ? option('rounds', 1) : Math.max(3, option('rounds', 3));
const WRITES = QUICK ? 20 : 100;
const RANKINGS = QUICK ? 3 : 20;
/** The reminder and web-page figures take long per round: one round is enough for --quick. */
const SLOW_ROUNDS = QUICK ? 1 : ROUNDS;

const PG = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const DB_NAME = 'catalyst_bench';
const DB_URL = `${PG}/${DB_NAME}`;
const API_PORT = Number(process.env.BENCH_API_PORT ?? 3981);
const BARE_PORT = Number(process.env.BENCH_BARE_PORT ?? 3982);
const WEB_PORT = Number(process.env.BENCH_WEB_PORT ?? 3983);
const API = `http://127.0.0.1:${API_PORT}/api/v1`;
const BARE = `http://127.0.0.1:${BARE_PORT}`;
const WEB = `http://127.0.0.1:${WEB_PORT}`;
const JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const PASSWORD = 'Bench-password-correct-horse-7';
const ASSESSABLE = [
  'submitted',
  'shortlisted',
  'exploration',
  'selected',
  'waitlisted',
  'rejected',
];

interface Result {
  name: string;
  value: number;
  unit: string;
  baseline: string | null;
  baselineValue: number | null;
  ratio: number | null;
  target: string | null;
  met: boolean | null;
  runs: { value: number; baselineValue?: number; p99?: number; errors?: number }[];
  note?: string;
}

const results: Result[] = [];
const T0 = Date.now();
const elapsed = () => round((Date.now() - T0) / 1000);
const log = (line: string) => process.stderr.write(`[${elapsed().toFixed(1)} s] ${line}\n`);
/** Where the run's time goes: each section's start, in seconds from the start of the run. */
const phases: { phase: string; startedAtSecond: number }[] = [];
const phase = (name: string) => {
  phases.push({ phase: name, startedAtSecond: elapsed() });
  log(name);
};

function token(userId: string): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ alg: 'HS256', typ: 'JWT' });
  const body = b64({
    sub: userId,
    typ: 'access',
    iat: now,
    exp: now + 4 * 3600,
    iss: 'catalyst',
    aud: 'catalyst-api',
  });
  const sig = createHmac('sha256', JWT_SECRET).update(`${head}.${body}`).digest('base64url');
  return `Bearer ${head}.${body}.${sig}`;
}

async function run(command: string, argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(command, argv, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  if (code !== 0) throw new Error(`${command} ${argv.join(' ')} exited with ${code}`);
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited (${child.exitCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer`);
}

async function json<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
  });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Records a comparison: `higherIsBetter` figures (req/s) or lower (ms). */
function record(
  name: string,
  unit: string,
  baseline: string | null,
  runs: { a: Sample[]; b?: Sample[] },
  target: { text: string; met: (value: number, ratio: number | null) => boolean } | null,
  note?: string,
): Result {
  const value = median(runs.a.map((s) => s.value));
  const baselineValue = runs.b ? median(runs.b.map((s) => s.value)) : null;
  const ratio = baselineValue ? value / baselineValue : null;
  const result: Result = {
    name,
    value: round(value),
    unit,
    baseline,
    baselineValue: baselineValue === null ? null : round(baselineValue),
    ratio: ratio === null ? null : round(ratio, 2),
    target: target?.text ?? null,
    met: target ? target.met(value, ratio) : null,
    runs: runs.a.map((s, i) => ({
      value: round(s.value),
      ...(runs.b ? { baselineValue: round(runs.b[i].value) } : {}),
      ...(s.p99 !== undefined ? { p99: s.p99 } : {}),
      ...(s.errors ? { errors: s.errors } : {}),
    })),
    ...(note ? { note } : {}),
  };
  results.push(result);
  log(
    `  ${name}: ${result.value} ${unit}${ratio !== null ? ` (${result.ratio}× ${baseline})` : ''}`,
  );
  return result;
}

function round(n: number, places = 1): number {
  const f = 10 ** places;
  return Math.round(n * f) / f;
}

const atLeastHalf = {
  text: '≥ 0.5× baseline',
  met: (_v: number, r: number | null) => (r ?? 0) >= 0.5,
};

/** A page read under 50 connections, API vs bare; plus its p99 (target < 50 ms at scale 1). */
async function compareRead(
  name: string,
  apiUrl: string,
  bareUrl: string,
  headers: Record<string, string>,
) {
  const runs = await interleave(
    ROUNDS,
    () => hammer({ url: apiUrl, connections: 50, seconds: SECONDS, headers }),
    () => hammer({ url: bareUrl, connections: 50, seconds: SECONDS, headers }),
  );
  const errors = [...runs.a, ...runs.b].reduce((n, s) => n + (s.errors ?? 0), 0);
  const bytes = `${runs.a[0].bytesPerResponse} B/response (bare ${runs.b[0].bytesPerResponse} B)`;
  record(
    name,
    'req/s',
    'bare node:http + pg, same SQL',
    runs,
    atLeastHalf,
    `${bytes}${errors ? `; ${errors} errors/non-2xx` : ''}`,
  );
  record(
    `${name} p99`,
    'ms',
    'bare p99',
    {
      a: runs.a.map((s) => ({ value: s.p99 ?? 0 })),
      b: runs.b.map((s) => ({ value: s.p99 ?? 0 })),
    },
    SCALE >= 1 ? { text: '< 50 ms at 50 connections (scale 1)', met: (v) => v < 50 } : null,
  );
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const children: ChildProcess[] = [];
  const stopAll = () => children.forEach((c) => c.exitCode === null && c.kill('SIGTERM'));
  process.on('exit', stopAll);
  try {
    log(`scale ${SCALE}, ${ROUNDS} rounds of ${SECONDS} s per figure`);
    phase('database: create and migrate');
    const admin = new Client({ connectionString: `${PG}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DB_NAME}`);
    const postgres = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]
      .server_version;
    await admin.end();
    await run(process.execPath, ['dist/libs/database/src/cli/migrate.js', 'run'], {
      DATABASE_URL: DB_URL,
      DATABASE_APP_URL: '',
    });

    const api = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: DB_URL,
        DATABASE_APP_URL: '',
        QUEUE_BACKEND: 'postgres',
        REDIS_URL: '',
        PORT: String(API_PORT),
        JWT_SECRET,
        PUBLIC_URL: `http://127.0.0.1:${API_PORT}`,
        AUTH_RATE_LIMIT_PER_MINUTE: '100000',
        BOOTSTRAP_ADMIN_EMAIL: 'admin@bench.example',
        BOOTSTRAP_ADMIN_PASSWORD: PASSWORD,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(api);
    await waitFor(`http://127.0.0.1:${API_PORT}/health/live`, api);

    const db = new Client({ connectionString: DB_URL });
    await db.connect();
    const { rows: hashRows } = await db.query<{ password_hash: string }>(
      `SELECT password_hash FROM users WHERE email = 'admin@bench.example'`,
    );
    const hash = hashRows[0].password_hash;
    const counts = countsFor(SCALE, WRITES * 4 * ROUNDS + 20);
    const t = Date.now();
    phase('seed');
    const ids: SeededIds = await seed(db, counts, hash);
    const seedSeconds = (Date.now() - t) / 1000;
    const rows = await tableCounts(db);
    log(`seeded in ${seedSeconds.toFixed(1)} s: ${JSON.stringify(rows)}`);

    const bare = fork(join(__dirname, 'bare-server.js'), [], {
      env: {
        ...process.env,
        DATABASE_URL: DB_URL,
        PORT: String(BARE_PORT),
        JWT_SECRET,
        PROGRAMME_IDS: ids.programmeId,
      },
      stdio: 'inherit',
    });
    children.push(bare);
    await waitFor(`${BARE}/hello`, bare);

    const pm = { authorization: token(ids.pmUserId) };

    // Per-request cost of the framework, auth and logging.
    phase('no-op requests');
    record(
      'GET /health/live',
      'req/s',
      'bare node:http hello',
      await interleave(
        ROUNDS,
        () =>
          hammer({
            url: `http://127.0.0.1:${API_PORT}/health/live`,
            connections: 50,
            seconds: SECONDS,
          }),
        () => hammer({ url: `${BARE}/hello`, connections: 50, seconds: SECONDS }),
      ),
      atLeastHalf,
    );
    const meIdle = await interleave(
      ROUNDS,
      () => hammer({ url: `${API}/me`, connections: 50, seconds: SECONDS, headers: pm }),
      () => hammer({ url: `${BARE}/me`, connections: 50, seconds: SECONDS, headers: pm }),
    );
    const meResult = record(
      'GET /me (authenticated no-op)',
      'req/s',
      'bare: verify JWT + one statement, same JSON',
      meIdle,
      atLeastHalf,
    );

    phase('page reads, 50 connections');
    const lastPage = async (base: string, limit: number) => {
      let cursor: string | null = null;
      let previous: string | null;
      let pages = 0;
      do {
        previous = cursor;
        const url: string = `${base}/public/challenges?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
        cursor = (await json<{ nextCursor: string | null }>(url)).nextCursor;
        pages++;
      } while (cursor);
      return { cursor: previous, pages };
    };
    const PUBLIC_LIMIT = 10;
    await compareRead(
      `GET /public/challenges?limit=${PUBLIC_LIMIT} (first page)`,
      `${API}/public/challenges?limit=${PUBLIC_LIMIT}`,
      `${BARE}/public/challenges?limit=${PUBLIC_LIMIT}`,
      {},
    );
    const apiDeep = await lastPage(API, PUBLIC_LIMIT);
    const bareDeep = await lastPage(BARE, PUBLIC_LIMIT);
    if (apiDeep.cursor && bareDeep.cursor) {
      await compareRead(
        `GET /public/challenges?limit=${PUBLIC_LIMIT} (last page, ${apiDeep.pages} of ${apiDeep.pages})`,
        `${API}/public/challenges?limit=${PUBLIC_LIMIT}&cursor=${apiDeep.cursor}`,
        `${BARE}/public/challenges?limit=${PUBLIC_LIMIT}&cursor=${bareDeep.cursor}`,
        {},
      );
    }
    await compareRead(
      'GET /applications?limit=50 (programme manager)',
      `${API}/applications?limit=50`,
      `${BARE}/applications?limit=50`,
      pm,
    );
    await compareRead(
      'GET /rounds/{id}/progress (programme manager)',
      `${API}/rounds/${ids.progressRoundId}/progress`,
      `${BARE}/rounds/${ids.progressRoundId}/progress`,
      pm,
    );

    phase('ranking of the 2,000-application challenge');
    const pool = new Pool({ connectionString: DB_URL, max: 20 });
    const rankingUrl = `${API}/challenges/${ids.bigChallengeId}/ranking`;
    const ranked = await json<{ items: unknown[] }>(rankingUrl, { headers: pm });
    record(
      `ranking of ${ranked.items.length} applications (HTTP, sequential)`,
      'ms',
      'the same SQL through pg',
      await interleave(
        ROUNDS,
        () => timeSequential(RANKINGS, () => json(rankingUrl, { headers: pm })),
        () =>
          timeSequential(RANKINGS, () =>
            pool.query(STAGE_RANKING_SQL, [ids.bigChallengeId, ASSESSABLE, 20, 'sift', true]),
          ),
      ),
      { text: '≤ 1.5× the raw query', met: (_v, r) => (r ?? Infinity) <= 1.5 },
    );

    phase('writes: create and submit an application');
    let slot = 0;
    const takePool = (n: number) => {
      const taken = ids.writePool.slice(slot, slot + n);
      slot += n;
      if (taken.length < n) throw new Error('the write pool is exhausted');
      return taken;
    };
    const written: { api: string[]; bare: string[] } = { api: [], bare: [] };
    const challengeFor = (i: number) => ids.openChallengeIds[i % ids.openChallengeIds.length];
    const apiWrite = async (writer: { userId: string }, challengeId: string) => {
      const headers = { authorization: token(writer.userId) };
      const created = await json<{ id: string }>(`${API}/challenges/${challengeId}/applications`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          answers: { approach: 'We will pilot with two teams.', team_size: 4 },
        }),
      });
      await json(`${API}/applications/${created.id}/transitions`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ to: 'submitted' }),
      });
      written.api.push(created.id);
    };
    const bareWrite = async (
      writer: { userId: string; organisationId: string },
      challengeId: string,
    ) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const { rows: created } = await client.query<{ id: string; round_id: string }>(
          `INSERT INTO applications (challenge_id, round_id, programme_id, startup_organisation_id, status,
                                     answers, created_by_user_id, version)
           SELECT c.id, c.round_id, c.programme_id, $2, 'draft', $3, $4, 1 FROM challenges c WHERE c.id = $1
           RETURNING id, round_id`,
          [
            challengeId,
            writer.organisationId,
            { approach: 'We will pilot with two teams.', team_size: 4 },
            writer.userId,
          ],
        );
        const id = created[0].id;
        await client.query(
          `INSERT INTO audit_events (actor_id, action, entity_type, entity_id, to_state, programme_id, data)
           VALUES ($1, 'application.created', 'application', $2, 'draft', $3, $4)`,
          [
            writer.userId,
            id,
            ids.programmeId,
            { challengeId, startupOrganisationId: writer.organisationId },
          ],
        );
        await client.query('COMMIT');
        await client.query('BEGIN');
        await client.query(
          `UPDATE applications SET status = 'submitted', submitted_at = now(), version = version + 1,
                  updated_at = now() WHERE id = $1 AND version = 1`,
          [id],
        );
        await client.query(
          `INSERT INTO audit_events (actor_id, action, entity_type, entity_id, from_state, to_state, programme_id)
           VALUES ($1, 'application.submitted', 'application', $2, 'draft', 'submitted', $3)`,
          [writer.userId, id, ids.programmeId],
        );
        await client.query('COMMIT');
        written.bare.push(id);
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    };
    const writeRun = async (
      concurrency: number,
      write: (w: { userId: string; organisationId: string }, c: string) => Promise<void>,
    ): Promise<Sample> => {
      const writers = takePool(WRITES);
      let next = 0;
      const started = Date.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < writers.length) {
            const i = next++;
            await write(writers[i], challengeFor(i));
          }
        }),
      );
      return { value: (WRITES * 1000) / (Date.now() - started) };
    };
    for (const concurrency of [1, 20]) {
      record(
        `create + submit an application, ${concurrency === 1 ? 'sequential' : '20 concurrent'}`,
        'writes/s',
        'the same INSERTs and audit rows through pg',
        await interleave(
          ROUNDS,
          () => writeRun(concurrency, apiWrite),
          () => writeRun(concurrency, bareWrite),
        ),
        atLeastHalf,
      );
    }
    const { rows: check } = await db.query<{ apps: string; audits: string }>(
      `SELECT (SELECT count(*) FROM applications WHERE id = ANY($1::uuid[]) AND status = 'submitted') AS apps,
              (SELECT count(*) FROM audit_events WHERE entity_id = ANY($2::text[])
                  AND action IN ('application.created', 'application.submitted')) AS audits`,
      [written.api, written.api],
    );
    const writesOk =
      Number(check[0].apps) === written.api.length &&
      Number(check[0].audits) === 2 * written.api.length;
    log(
      `  every API write there: ${check[0].apps}/${written.api.length} applications, ${check[0].audits} audit rows`,
    );

    phase('sign-in');
    const [, params] = /^\$argon2id\$v=\d+\$([^$]+)\$/.exec(hash) ?? [null, 'unknown'];
    const login = {
      url: `${API}/auth/login`,
      method: 'POST' as const,
      body: JSON.stringify({ email: ids.pmEmail, password: PASSWORD }),
    };
    const signIns: Sample[] = [];
    for (let i = 0; i < ROUNDS; i++)
      signIns.push(await hammer({ ...login, connections: 10, seconds: SECONDS }));
    record(
      'POST /auth/login, 10 connections',
      'req/s',
      null,
      { a: signIns },
      null,
      `argon2id ${params}`,
    );
    record(
      'POST /auth/login p99, 10 connections',
      'ms',
      null,
      { a: signIns.map((s) => ({ value: s.p99 ?? 0 })) },
      null,
      `argon2id ${params}`,
    );
    const during = await interleave(
      ROUNDS,
      async () => {
        const [me] = await Promise.all([
          hammer({ url: `${API}/me`, connections: 50, seconds: SECONDS, headers: pm }),
          hammer({ ...login, connections: 10, seconds: SECONDS }),
        ]);
        return me;
      },
      () => hammer({ url: `${API}/me`, connections: 50, seconds: SECONDS, headers: pm }),
    );
    record(
      'GET /me during 10 concurrent sign-ins',
      'req/s',
      'GET /me idle',
      during,
      atLeastHalf,
      `idle figure earlier: ${meResult.value} req/s`,
    );

    phase('the reminder scan over the whole dataset and its delivery (Redis)');
    const reminders = new ReminderBench(
      db,
      {
        NODE_ENV: 'production',
        DATABASE_URL: DB_URL,
        DATABASE_APP_URL: '',
        JWT_SECRET,
        PUBLIC_URL: `http://127.0.0.1:${API_PORT}`,
      },
      WORKER_NODE_FLAGS,
    );
    let remindersOk = false;
    try {
      await reminders.start();
      const reminderRounds: ReminderRound[] = [];
      const deliveries = await interleave(
        SLOW_ROUNDS,
        async () => {
          const r = await reminders.productRound();
          reminderRounds.push(r);
          return r.delivery;
        },
        (i) => reminders.rawRound(reminderRounds[i].emails),
      );
      const last = reminderRounds[reminderRounds.length - 1];
      const due = Object.values(last.due).reduce((a, b) => a + b, 0);
      record(
        `reminder scan over the whole dataset (${due} reminders due, ${last.inApp + last.emails} deliveries)`,
        'ms',
        null,
        { a: reminderRounds.map((r) => r.scan) },
        null,
        `due by rule ${JSON.stringify(last.due)}; the scan job's own time (worker timestamps), ` +
          `recording ${last.inApp} in-app and ${last.emails} e-mail deliveries and queueing the e-mails`,
      );
      record(
        `reminder e-mails delivered by the worker (${last.emails} send-email jobs, SMTP)`,
        'deliveries/s',
        `raw BullMQ addBulk + no-op Worker (same Redis, concurrency ${reminders.concurrency})`,
        deliveries,
        atLeastHalf,
        `sent before the queue was paused (not counted): ${reminderRounds.map((r) => r.sentBeforePause).join(', ')}`,
      );
      log(
        `  due by rule ${JSON.stringify(last.due)}; e-mails sent before the pause: ` +
          reminderRounds.map((r) => r.sentBeforePause).join(', '),
      );
      const verified = await reminders.verify();
      remindersOk = verified.ok;
      log(
        `  every reminder delivered exactly once: ${verified.ok ? 'yes' : 'NO'} (${verified.detail})`,
      );
    } finally {
      await reminders.stop();
    }

    phase('web pages, 10 connections, signed in as the programme manager');
    const web = spawn(process.execPath, ['dist/apps/web/src/main.js'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: DB_URL,
        DATABASE_APP_URL: '',
        QUEUE_BACKEND: 'postgres',
        REDIS_URL: '',
        WEB_PORT: String(WEB_PORT),
        JWT_SECRET,
        PUBLIC_URL: WEB,
        AUTH_RATE_LIMIT_PER_MINUTE: '100000',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(web);
    await waitFor(`${WEB}/sign-in`, web);
    const session = await signInToWeb(WEB, ids.pmEmail, PASSWORD);
    const pages = [
      { name: 'programme dashboard (/manage)', url: `${WEB}/manage` },
      {
        name: `ranking page of the ${counts.bigChallengeApplications.toLocaleString('en-GB')}-application challenge`,
        url: `${WEB}/manage/challenges/${ids.bigChallengeId}/ranking`,
      },
    ];
    const alone: { bytes: number; ms: number }[] = [];
    for (const page of pages) alone.push(await fetchPage(page.url, session));
    // A number of responses, not a duration: a page slower than the duration would show no
    // response at all (autocannon drops those in flight when time is up). About `SECONDS` of
    // work at the speed of one request alone, and at least one response per connection.
    const pageLoad = (i: number) =>
      hammer({
        url: pages[i].url,
        connections: 10,
        seconds: SECONDS,
        amount: Math.max(10, Math.round((SECONDS * 1000) / alone[i].ms)),
        headers: session,
      });
    // The two pages in turn (no baseline: each is the other's noise control).
    const pageRuns = await interleave(
      SLOW_ROUNDS,
      () => pageLoad(0),
      () => pageLoad(1),
    );
    pages.forEach((page, i) => {
      const runs = i === 0 ? pageRuns.a : pageRuns.b;
      const errors = runs.reduce((n, s) => n + (s.errors ?? 0), 0);
      const note =
        `${alone[i].bytes} B of HTML; ${Math.round(alone[i].ms)} ms for one request alone` +
        (errors ? `; ${errors} errors/non-2xx` : '');
      record(`web: ${page.name}, 10 connections`, 'req/s', null, { a: runs }, null, note);
      for (const p of ['p50', 'p99'] as const) {
        record(
          `web: ${page.name} ${p}`,
          'ms',
          null,
          { a: runs.map((s) => ({ value: s[p] ?? 0 })) },
          null,
        );
      }
    });

    phase('reports over the whole dataset, built by the worker');
    const worker = spawn(process.execPath, [...WORKER_NODE_FLAGS, 'dist/apps/worker/src/main.js'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: DB_URL,
        DATABASE_APP_URL: '',
        QUEUE_BACKEND: 'postgres',
        REDIS_URL: '',
        JWT_SECRET,
        PUBLIC_URL: `http://127.0.0.1:${API_PORT}`,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(worker);
    const { rows: scopeRows } = await db.query<{ funnelRoundId: string; sponsorId: string }>(
      `SELECT (SELECT round_id FROM challenges WHERE id = $1) AS "funnelRoundId",
              (SELECT sponsor_organisation_id FROM challenges WHERE id = $1) AS "sponsorId"`,
      [ids.bigChallengeId],
    );
    const today = new Date();
    const yearAgo = new Date(today.getTime() - 365 * 86_400_000);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const reportRequests: ReportRequest[] = [
      {
        name: 'round funnel (the round with the 2,000-application challenge)',
        body: { kind: 'round_funnel', roundId: scopeRows[0].funnelRoundId },
      },
      {
        name: 'cohort progress (the round with the most teams)',
        body: { kind: 'cohort_progress', roundId: ids.progressRoundId },
      },
      {
        name: 'sponsor digest (one sponsor, the last 365 days)',
        body: {
          kind: 'sponsor_digest',
          sponsorOrganisationId: scopeRows[0].sponsorId,
          period: `${day(yearAgo)}/${day(today)}`,
        },
      },
      { name: 'impact (every round of the programme)', body: { kind: 'impact' } },
    ];
    const reportRuns = async (request: ReportRequest, format: string) => {
      const runs: ReportRun[] = [];
      // Two builds of each: no baseline to interleave with; the peak of both is the figure.
      for (let i = 0; i < Math.min(ROUNDS, 2); i++) {
        runs.push(
          await buildReport(
            API,
            pm,
            { ...request, body: { ...request.body, format } },
            worker.pid!,
            db,
          ),
        );
      }
      return runs;
    };
    const recordReport = (name: string, runs: ReportRun[]) => {
      record(`report: ${name}, wall time`, 's', null, { a: runs }, null);
      const peak = Math.max(...runs.map((r) => r.peakRssMb));
      const result = record(
        `report: ${name}, worker peak RSS`,
        'MB',
        null,
        { a: runs.map((r) => ({ value: r.peakRssMb })) },
        { text: '< 256 MB', met: () => peak < 256 },
        `worker RSS before: ${runs.map((r) => round(r.startRssMb)).join(', ')} MB; ` +
          `file ${runs[0].sizeBytes} bytes`,
      );
      // The target holds for every run, not only the median.
      result.value = round(peak);
    };
    // The worker is ready once it has built a first report (it answers no HTTP).
    await buildReport(
      API,
      pm,
      { ...reportRequests[3], body: { kind: 'impact', format: 'json' } },
      worker.pid!,
      db,
    );
    // --quick builds each kind in one format, the formats in turn, so every path still runs.
    const formatsOf = (k: number) => (QUICK ? [['html', 'csv'][k % 2]] : ['html', 'csv']);
    for (const [k, request] of reportRequests.entries()) {
      for (const format of formatsOf(k))
        recordReport(`${request.name}, ${format.toUpperCase()}`, await reportRuns(request, format));
    }
    const IMPACT_CONTRACTS = QUICK ? 10_000 : 100_000;
    phase(`the impact report over ${IMPACT_CONTRACTS.toLocaleString('en-GB')} contracts`);
    await growContracts(db, ids.programmeId, IMPACT_CONTRACTS);
    for (const format of formatsOf(reportRequests.length)) {
      recordReport(
        `impact over ${IMPACT_CONTRACTS.toLocaleString('en-GB')} contracts, ${format.toUpperCase()}`,
        await reportRuns(reportRequests[3], format),
      );
    }

    await pool.end();
    await db.end();
    phase('done');

    const cpu = cpus();
    const report = {
      machine: {
        cpu: cpu[0]?.model ?? 'unknown',
        cores: cpu.length,
        memoryGiB: round(totalmem() / 2 ** 30),
        os: `${process.platform} ${release()}`,
        loadAverageAtStart: loadavg().map((l) => round(l, 2)),
      },
      node: process.version,
      postgres,
      scale: SCALE,
      startedAt,
      seedSeconds: round(seedSeconds),
      rows,
      settings: {
        rounds: ROUNDS,
        secondsPerFigure: SECONDS,
        writesPerRun: WRITES,
        rankingsPerRun: RANKINGS,
      },
      writesVerified: writesOk,
      remindersVerified: remindersOk,
      phases,
      results,
    };
    const dir = join(ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    // How the cost grew from the nearest smaller scale run on record (none: not compared).
    const smaller = QUICK ? null : nearestSmallerRun(dir, SCALE);
    const grown: Growth[] = smaller ? growth(smaller, report) : [];
    const onRecord = {
      ...report,
      ...(smaller
        ? {
            growthFrom: {
              scale: smaller.scale,
              startedAt: smaller.startedAt,
              loadAverageAtStart: smaller.machine.loadAverageAtStart,
            },
            growth: grown,
          }
        : {}),
    };
    if (!QUICK) {
      const text = `${JSON.stringify(onRecord, null, 2)}\n`;
      writeFileSync(join(dir, 'latest.json'), text);
      writeFileSync(join(dir, `scale-${SCALE}.json`), text);
    }
    printTable(report.machine.cpu, report.machine.cores);
    if (smaller)
      process.stdout.write(
        `\nGrowth from scale ${smaller.scale} (${smaller.startedAt}) to scale ${SCALE}\n\n${growthTable(grown)}\n`,
      );
    if (!writesOk) throw new Error('some API writes or their audit rows are missing');
    if (!remindersOk) throw new Error('some reminders were not delivered exactly once');
  } finally {
    stopAll();
  }
}

/** The run on record at the largest scale below `scale` (bench/results/scale-<s>.json). */
function nearestSmallerRun(
  dir: string,
  scale: number,
): (GrowthInput & { startedAt: string }) | null {
  if (!existsSync(dir)) return null;
  const scales = readdirSync(dir)
    .map((f) => /^scale-([\d.]+)\.json$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null && Number(m[1]) < scale)
    .sort((a, b) => Number(b[1]) - Number(a[1]));
  if (!scales.length) return null;
  return JSON.parse(readFileSync(join(dir, scales[0][0]), 'utf8')) as GrowthInput & {
    startedAt: string;
  };
}

function printTable(cpu: string, cores: number): void {
  const lines = [
    `| figure | value | baseline | ratio | target | met |`,
    `|---|---:|---:|---:|---|---|`,
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.value} ${r.unit} | ${r.baselineValue ?? ''} | ${r.ratio ?? ''} | ${r.target ?? ''} | ${
          r.met === null ? '' : r.met ? 'met' : 'NOT MET'
        } |`,
    ),
  ];
  process.stdout.write(
    `\n${cpu} × ${cores}, node ${process.version}, scale ${SCALE}\n\n${lines.join('\n')}\n`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
