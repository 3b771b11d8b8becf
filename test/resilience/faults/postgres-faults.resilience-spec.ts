import { eventually } from '../support/processes';
import { FULL, explain, inParallel, report } from '../support/scenario';
import { Answer, Stack } from '../support/stack';
import { Workload, Write, confirmed } from '../support/workload';

/** Every answer during a fault is a success or a clean 503 problem, never a 500. */
function answersOf(writes: Write[]): Answer[] {
  return writes.flatMap((w) => [w.draft, w.submit, w.outcome]).filter((a): a is Answer => !!a);
}

function unclean(answers: Answer[]): Answer[] {
  return answers.filter(
    (a) =>
      a.status >= 500 &&
      !(
        a.status === 503 &&
        a.contentType.startsWith('application/problem+json') &&
        (a.body as { code?: string }).code === 'server.unavailable' &&
        !JSON.stringify(a.body).includes(' at ')
      ),
  );
}

/**
 * PostgreSQL goes away under the API: its connections are terminated, then the whole server
 * restarts during a burst. The API recovers by itself, readiness says so while it lasts,
 * requests caught in the fault fail with a clean 503, and nothing is half-written.
 */
describe('PostgreSQL faults', () => {
  const stack = new Stack();
  const workload = new Workload(stack);

  beforeAll(async () => {
    await stack.start();
    await Promise.all([stack.startApi(), stack.startWorker()]);
    await workload.prepare(stack.apis[0]);
  }, 180_000);
  afterAll(async () => {
    await workload.close();
    await stack.stop();
  });

  it('recovers without a restart when its connections are terminated, and readiness reflects it', async () => {
    const api = stack.apis[0];
    const [before, during, after] = await workload.founders(3);
    expect(confirmed(await workload.write(api, before))).toBe(true);

    // Connections cut and refused until the database is let back in (a failover in progress).
    await stack.pg.admin(async (c) => {
      await c.query('ALTER DATABASE catalyst ALLOW_CONNECTIONS false');
      await c.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = 'catalyst' AND pid <> pg_backend_pid()`,
      );
    });
    try {
      const ready = await eventually(
        'readiness reports the database down',
        () => api.readiness(),
        (r) => r.status === 503,
      );
      expect(ready.failed).toEqual(['database']);
      const refused = await workload.write(api, during);
      expect(unclean(answersOf([refused]))).toEqual([]);
      expect(refused.draft?.status).toBe(503);
    } finally {
      await stack.pg.admin((c) => c.query('ALTER DATABASE catalyst ALLOW_CONNECTIONS true'));
    }
    await eventually(
      'readiness recovers',
      () => api.readiness(),
      (r) => r.status === 200,
    );
    expect(confirmed(await workload.write(api, after))).toBe(true);
    expect(confirmed(await workload.write(api, during))).toBe(true);
    expect(api.child.running).toBe(true);
    await workload.consistency();
  });

  it('answers 503 problems, never a 500, while PostgreSQL restarts during a burst, and writes nothing half', async () => {
    const api = stack.apis[0];
    const founders = await workload.founders(FULL ? 400 : 150);
    let phase: 'before' | 'down' | 'after' = 'before';
    let afterRestart = 0;

    const writes: Write[] = [];
    const burst = inParallel(Array.from({ length: 6 }), 6, async () => {
      // Each lane writes until the restart is over and some writes have followed it.
      while (founders.length && (phase !== 'after' || afterRestart < (FULL ? 60 : 20))) {
        const founder = founders.pop()!;
        const after = phase === 'after';
        writes.push(await workload.write(api, founder));
        if (after) afterRestart++;
      }
    });
    await eventually('the burst is under way', () => writes.length >= 10);
    await stack.pg.stop();
    phase = 'down';
    const downReadiness = await api.readiness();
    await stack.pg.start();
    phase = 'after';
    await burst;
    expect(downReadiness).toEqual({ status: 503, failed: ['database'] });
    const answers = answersOf(writes);
    expect(unclean(answers)).toEqual([]);
    // Requests after the restart succeed on the same process, without it restarting.
    expect(writes.slice(-10).every(confirmed)).toBe(true);
    expect(api.child.running).toBe(true);

    const { duplicates, checked, redeliveries } = await workload
      .audit(writes)
      .catch(explain(stack));
    await workload.consistency();
    expect(duplicates).toBe(0);
    report('postgres-restart', {
      requests: answers.length,
      writesChecked: checked,
      duplicates,
      webhookRedeliveries: redeliveries,
      refused503: answers.filter((a) => a.status === 503).length,
      status500: answers.filter((a) => a.status === 500).length,
    });
  });
});
