import { randomUUID } from 'node:crypto';
import { PING_JOB } from '@catalyst/ops';
import { QueueName } from '@catalyst/queues';
import { Harness } from '@catalyst/testing';
import { waitFor } from '../support/wait-for';

/**
 * SIGTERM runs Nest's shutdown hooks, which close the BullMQ workers; closing must let an
 * in-flight job finish rather than abandon it. A row lock holds a ping job mid-flight while the
 * worker is asked to stop.
 */
describe('worker shutdown', () => {
  const h = new Harness();

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    await h.startWorker();
  });
  afterAll(() => h.teardown());

  async function waitUntil(predicate: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await predicate())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('finishes the job in flight before the worker stops', async () => {
    const pingId = randomUUID();
    const blocker = h.dataSource().createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    // An uncommitted row with the same key makes the worker's INSERT wait on it.
    await blocker.query(`INSERT INTO ping_receipts (ping_id, handled_by) VALUES ($1, 'blocker')`, [
      pingId,
    ]);

    const queue = h.producer().queue(QueueName.Maintenance);
    const job = await h.producer().enqueue(PING_JOB, { pingId }, { jobId: `ping.${pingId}` });
    await waitUntil(
      async () => (await queue.getJob(job.id!))?.getState().then((s) => s === 'active') ?? false,
    );

    const worker = h.workers.pop()!;
    let closed = false;
    const closing = worker.close().then(() => {
      closed = true;
    });
    // Still blocked: the worker must be waiting for its job, not gone.
    await new Promise((r) => setTimeout(r, 300));
    expect(closed).toBe(false);

    await blocker.rollbackTransaction();
    await blocker.release();
    await closing;

    expect(await (await queue.getJob(job.id!))?.getState()).toBe('completed');
    const rows = await h
      .dataSource()
      .query('SELECT handled_by FROM ping_receipts WHERE ping_id = $1', [pingId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].handled_by).not.toBe('blocker');
  });
});

/**
 * A job still running when SHUTDOWN_GRACE_MS is over goes back to the queue at once (not after
 * its lock lapses) and the worker closes; another worker runs it, once in effect.
 */
describe('worker shutdown after the grace', () => {
  const h = new Harness({ env: { SHUTDOWN_GRACE_MS: '1000' } });

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    await h.startWorker();
  });
  afterAll(() => h.teardown());

  it('returns the job still running to the queue, and another worker runs it', async () => {
    const pingId = randomUUID();
    const blocker = h.dataSource().createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query(`INSERT INTO ping_receipts (ping_id, handled_by) VALUES ($1, 'blocker')`, [
      pingId,
    ]);
    const queue = h.producer().queue(QueueName.Maintenance);
    const job = await h.producer().enqueue(PING_JOB, { pingId }, { jobId: `ping.${pingId}` });
    const state = async () => (await queue.getJob(job.id!))?.getState();
    await waitFor('the ping job is active', async () => (await state()) === 'active');

    const worker = h.workers.pop()!;
    const closing = worker.close();
    // Still blocked after the grace: back in the queue, waiting for a worker.
    await waitFor('the job is back in the queue', async () => (await state()) === 'waiting');

    await blocker.rollbackTransaction();
    await blocker.release();
    await closing;
    await h.startWorker();
    await waitFor('the job is completed', async () => (await state()) === 'completed');
    const rows = await h
      .dataSource()
      .query('SELECT handled_by FROM ping_receipts WHERE ping_id = $1', [pingId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].handled_by).not.toBe('blocker');
  });
});
