import { Client } from 'pg';
import { QueueName } from '@catalyst/queues';
import { Child, eventually, tcpPortsOf } from '../support/processes';
import { explain, pendingJobs, queueOf, report } from '../support/scenario';
import { Stack } from '../support/stack';
import { Workload, confirmed } from '../support/workload';

/** How often a worker checks for stalled jobs, and how long its job lock lasts (ms). */
const STALLED_INTERVAL_MS = 3000;
/** Challenges with long titles, so that the report's file takes several chunks. */
const CHALLENGES = 12;

/** The running worker whose process has a connection from local port `port`. */
function workerOf(workers: Child[], port: number): Child | undefined {
  return workers.find((w) => {
    try {
      return w.running && tcpPortsOf(w.pid).has(port);
    } catch {
      return false; // it has just exited
    }
  });
}

interface ReportState {
  status: string;
  progress: number;
  attempts: number;
  sizeBytes: number | null;
  chunks: number[];
}

/**
 * A worker is SIGKILLed in the middle of a job, and another worker on the same Redis takes the
 * stalled job up (BullMQ's stalled-job check, quick here through QUEUE_STALLED_INTERVAL_MS) and
 * completes it; its effect happens once.
 *
 * A report build: the worker is killed, after it has written the first chunk
 * of the file; the other worker builds the file afresh; the report is ready once, its requester
 * told once, and no piece of the first attempt's file remains.
 *
 * The build is held mid-flight without changing the product: the test inserts, in a
 * transaction it keeps open, the file's second chunk (report_id, seq 1); the worker's own
 * insert of that chunk then waits on the test's transaction. Which of the three workers is
 * waiting is read from pg_stat_activity (the backend's client port belongs to its process).
 *
 * A webhook delivery: the worker is killed while the receiver holds its POST unanswered; the
 * other worker posts it again under the same `webhook-id` (a receiver drops the repeat by
 * that id), and one delivery with one logged attempt is recorded.
 */
describe('worker crash', () => {
  const stack = new Stack({ QUEUE_STALLED_INTERVAL_MS: String(STALLED_INTERVAL_MS) });
  const workload = new Workload(stack);
  let blocking: Client | undefined;

  beforeAll(async () => {
    await stack.start();
    await stack.startApi();
    await workload.prepare(stack.apis[0], { challenges: 1 });
    const round = { id: workload.roundId };
    for (let i = 0; i < CHALLENGES; i++) {
      await workload.make.challenge(round, {
        title: `Challenge ${i}: ${'bins that overflow before collection '.repeat(300)}`,
      });
    }
  }, 180_000);
  afterAll(async () => {
    await blocking?.end().catch(() => undefined);
    await workload.close();
    await stack.stop();
  });

  /** The report's row and the chunks of its file that are committed. */
  async function stateOf(id: string): Promise<ReportState> {
    const [row] = await stack.pg.query<ReportState>(
      `SELECT status, progress, attempts, size_bytes::int AS "sizeBytes",
              array(SELECT seq FROM report_chunks c WHERE c.report_id = r.id ORDER BY seq) AS chunks
         FROM reports r WHERE r.id = $1`,
      [id],
    );
    return row;
  }

  /** Backends waiting on a lock to insert a report chunk, and the worker of each. */
  async function waitingChunkInserts(workers: Child[]): Promise<{ pid: number; worker: Child }[]> {
    const waiting = await stack.pg.query<{ pid: number; port: number }>(
      `SELECT pid, client_port AS port FROM pg_stat_activity
        WHERE datname = 'catalyst' AND state = 'active' AND wait_event_type = 'Lock'
          AND query ILIKE 'INSERT INTO "report_chunks"%'`,
    );
    return waiting.flatMap(({ pid, port }) => {
      const worker = workerOf(workers, port);
      return worker ? [{ pid, worker }] : [];
    });
  }

  it('gives a killed worker’s report build to another worker, which completes it once', async () => {
    const api = stack.apis[0];
    const asked = await workload.requestReport(api, 'json');
    expect([asked.status, typeof asked.body.id]).toEqual([202, 'string']);
    const id = asked.body.id;

    // No worker is running yet: the build job waits in the outbox while the test makes
    // sure the file's second chunk will wait for it.
    blocking = new Client({ connectionString: stack.pg.url });
    blocking.on('error', () => undefined);
    await blocking.connect();
    await blocking.query('BEGIN');
    await blocking.query(`INSERT INTO report_chunks (report_id, seq, bytes) VALUES ($1, 1, $2)`, [
      id,
      Buffer.from('held'),
    ]);

    // Three workers (the third is for the webhook scenario below), started together.
    const began = Date.now();
    const workers = await Promise.all([1, 2, 3].map(() => stack.startWorker()));
    const held = await eventually(
      'a worker has written the first chunk and waits to write the second',
      async () => ({ waiting: await waitingChunkInserts(workers), state: await stateOf(id) }),
      ({ waiting, state }) =>
        waiting.length === 1 && state.status === 'running' && state.chunks.length === 1,
      60_000,
    ).catch(explain(stack));
    expect(held.state).toMatchObject({ status: 'running', attempts: 1, chunks: [0] });
    expect(held.state.progress).toBeGreaterThanOrEqual(60);
    const first = held.waiting[0].worker;

    // The other workers on the same Redis leave the job alone while the first holds its lock.
    const queue = queueOf(stack.redis!.url, QueueName.Reports);
    try {
      const job = await queue.getJob(`build-report.${id}`);
      expect(await job?.getState()).toBe('active');
      const still = await waitingChunkInserts(workers);
      expect(still.map((w) => [w.pid, w.worker.name])).toEqual([[held.waiting[0].pid, first.name]]);
      expect((await stateOf(id)).attempts).toBe(1);

      first.killGroup('SIGKILL');
      expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
      const killedAt = Date.now();
      // PostgreSQL notices the dead client (client_connection_check_interval) and cancels its
      // waiting insert: nothing the dead worker sent can still change the file.
      const zombie = held.waiting[0].pid;
      await eventually(
        'the killed worker’s waiting insert is cancelled',
        () => stack.pg.count(`SELECT 1 FROM pg_stat_activity WHERE pid = $1`, [zombie]),
        (n) => n === 0,
        30_000,
      );

      const retried = await eventually(
        'another worker takes the stalled job up and rewrites the file from its start',
        async () => ({ waiting: await waitingChunkInserts(workers), state: await stateOf(id) }),
        ({ waiting, state }) => waiting.length === 1 && state.attempts === 2,
        60_000,
      ).catch(explain(stack));
      expect(retried.waiting[0].worker).not.toBe(first);
      expect(retried.waiting[0].worker.running).toBe(true);
      const recoveredMs = Date.now() - killedAt;
      // The first attempt's chunk 0 was cleared and written again by the second.
      expect(retried.state).toMatchObject({ status: 'running', chunks: [0] });

      await blocking.query('ROLLBACK');
      await blocking.end();
      blocking = undefined;

      const done = await eventually(
        'the report is built',
        () => stateOf(id),
        (s) => s.status !== 'running',
        60_000,
      ).catch(explain(stack));
      expect(done).toMatchObject({ status: 'done', progress: 100, attempts: 2 });
      await eventually(
        'the queues have caught up and the requester is told',
        async () => ({
          pending: await pendingJobs(stack.redis!.url),
          told: await workload.reports([id]),
        }),
        ({ pending, told }) => pending === 0 && told[0]?.told >= 1,
        60_000,
      ).catch(explain(stack));
      const builtMs = Date.now() - began;

      const finished = await queue.getJob(`build-report.${id}`);
      expect(await finished?.getState()).toBe('completed');
      expect([finished?.stalledCounter, finished?.attemptsMade, finished?.returnvalue]).toEqual([
        1,
        1,
        'done',
      ]);

      // The file: contiguous chunks, as long as the report says, one whole JSON document.
      expect(done.chunks.length).toBeGreaterThanOrEqual(2);
      expect(done.chunks).toEqual(done.chunks.map((_, i) => i));
      const [{ bytes }] = await stack.pg.query<{ bytes: number }>(
        `SELECT sum(length(bytes))::int AS bytes FROM report_chunks WHERE report_id = $1`,
        [id],
      );
      expect(bytes).toBe(done.sizeBytes);
      const file = await api.request<{ rows: unknown[] }>('GET', `/api/v1/reports/${id}/download`, {
        bearer: workload.manager.bearer,
      });
      expect(file.status).toBe(200);
      expect(file.body.rows).toHaveLength(CHALLENGES + 1);

      // Its effects, once: the domain events (audited), the notification and its delivery.
      const events = await stack.pg.query<{ action: string; n: number }>(
        `SELECT action, count(*)::int AS n FROM audit_events
          WHERE entity_type = 'report' AND entity_id = $1 GROUP BY action ORDER BY action`,
        [id],
      );
      expect(events).toEqual([
        { action: 'report.ready', n: 1 },
        { action: 'report.requested', n: 1 },
      ]);
      const deliveries = await stack.pg.query<{ channel: string; n: number }>(
        `SELECT channel, count(*)::int AS n FROM notification_deliveries
          WHERE subject = $1 GROUP BY channel`,
        [`report:${id}`],
      );
      expect(deliveries.filter((d) => d.n !== 1)).toEqual([]);
      expect(deliveries.map((d) => d.channel)).toContain('in_app');
      const told = await stack.pg.count(
        `SELECT 1 FROM notifications WHERE kind = 'report-ready' AND subject_id = $1`,
        [id],
      );
      expect(told).toBe(1);
      // Nothing else was left behind: one report, and no chunks but its file's.
      expect(await stack.pg.count(`SELECT 1 FROM reports`)).toBe(1);
      expect(await stack.pg.count(`SELECT 1 FROM report_chunks WHERE report_id <> $1`, [id])).toBe(
        0,
      );

      report('worker-crash', {
        requests: 2,
        writesChecked: 1,
        duplicates: 0,
        stalledIntervalMs: STALLED_INTERVAL_MS,
        recoveredMs,
        builtMs,
        fileChunks: done.chunks.length,
        fileBytes: done.sizeBytes ?? 0,
      });
    } finally {
      await queue.close();
    }
  }, 240_000);
  it('sends a webhook that a killed worker was sending from the other worker, under the same id', async () => {
    const api = stack.apis[0];
    const workers = stack.workers.filter((w) => w.running);
    expect(workers).toHaveLength(2);
    // The first POST is held unanswered; which worker sent each one is read while it is open.
    const senders: (string | undefined)[] = [];
    workload.receiver.answer = (hook, index) => {
      senders.push(workerOf(workers, hook.remotePort!)?.name);
      return index === 0 ? null : 204;
    };
    const [founder] = await workload.founders(1);
    const write = await workload.write(api, founder);
    expect(confirmed(write)).toBe(true);
    const delivery = () =>
      stack.pg.query<{ id: string; status: string; attempts: number; logged: number }>(
        `SELECT d.id, d.status, d.attempts,
                (SELECT count(*)::int FROM webhook_attempts a WHERE a.delivery_id = d.id) AS logged
           FROM webhook_deliveries d WHERE d.payload->'data'->>'id' = $1`,
        [write.applicationId],
      );
    await eventually(
      'a worker is posting the webhook',
      () => senders.length,
      (n) => n >= 1,
      60_000,
    ).catch(explain(stack));
    const sender = workers.find((w) => w.name === senders[0]);
    expect(sender).toBeDefined();
    const survivor = workers.find((w) => w !== sender)!;
    // In flight: sent, not answered, nothing recorded yet.
    expect((await delivery()).map((d) => [d.status, d.attempts, d.logged])).toEqual([
      ['pending', 0, 0],
    ]);

    sender!.killGroup('SIGKILL');
    expect(await sender!.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const killedAt = Date.now();
    await eventually(
      'the other worker delivers the webhook',
      () => delivery(),
      (rows) => rows[0]?.status !== 'pending',
      60_000,
    ).catch(explain(stack));
    const recoveredMs = Date.now() - killedAt;
    const { duplicates, redeliveries } = await workload.audit([write]).catch(explain(stack));
    expect(senders).toEqual([sender!.name, survivor.name]);
    const ids = workload.receiver.received.map((h) => h.headers['webhook-id']);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(1);
    expect(redeliveries).toBe(1);
    expect(duplicates).toBe(0);
    const [row] = await delivery();
    expect([row.status, row.attempts, row.logged]).toEqual(['succeeded', 1, 1]);
    const queue = queueOf(stack.redis!.url, QueueName.Webhooks);
    try {
      const job = await queue.getJob(`deliver-webhook.${row.id}`);
      expect(await job?.getState()).toBe('completed');
      expect(job?.stalledCounter).toBe(1);
    } finally {
      await queue.close();
    }
    await workload.consistency();
    report('worker-crash-webhook', {
      requests: 3,
      writesChecked: 1,
      duplicates,
      webhookRedeliveries: redeliveries,
      stalledIntervalMs: STALLED_INTERVAL_MS,
      recoveredMs,
    });
  }, 240_000);
});
