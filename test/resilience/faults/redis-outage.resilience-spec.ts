import { eventually } from '../support/processes';
import { FULL, explain, inParallel, report } from '../support/scenario';
import { Stack } from '../support/stack';
import { Workload, Write, confirmed } from '../support/workload';

/**
 * Redis goes down while people keep working: writes still succeed (what must be told waits in
 * the outbox, in PostgreSQL), readiness names the queue backend, and once Redis is back every
 * notification, webhook and report is delivered, once.
 */
describe('Redis outage', () => {
  const stack = new Stack();
  const workload = new Workload(stack);

  beforeAll(async () => {
    await stack.start({ persistentRedis: true });
    await Promise.all([stack.startApi(), stack.startWorker()]);
    await workload.prepare(stack.apis[0]);
  }, 180_000);
  afterAll(async () => {
    await workload.close();
    await stack.stop();
  });

  it('keeps accepting writes while Redis is down and delivers everything once when it is back', async () => {
    const api = stack.apis[0];
    const [before, ...during] = await workload.founders(FULL ? 80 : 25);
    const writes: Write[] = [await workload.write(api, before)];
    const first = await workload.requestReport(api);
    expect([first.status, typeof first.body.id]).toEqual([202, 'string']);
    const reports = [first.body.id];

    await stack.redis!.kill();
    const ready = await eventually(
      'readiness reports the queue backend down',
      () => api.readiness(),
      (r) => r.status === 503,
    );
    expect(ready.failed).toEqual(['queue']);
    const began = Date.now();
    writes.push(...(await inParallel(during, 5, (founder) => workload.write(api, founder))));
    const outageWriteMs = Date.now() - began;
    const asked = await workload.requestReport(api, 'csv');
    expect([asked.status, typeof asked.body.id]).toEqual([202, 'string']);
    reports.push(asked.body.id);
    expect(writes.filter((w) => !confirmed(w)).map((w) => w.draft?.status)).toEqual([]);

    await stack.redis!.start();
    await eventually(
      'readiness recovers',
      () => api.readiness(),
      (r) => r.status === 200,
    );
    const { duplicates, checked, redeliveries } = await workload
      .audit(writes)
      .catch(explain(stack));
    const built = await eventually(
      'both reports are built and their requester told',
      async () => ({ rows: await workload.reports(reports), ids: reports }),
      ({ rows }) => rows.length === 2 && rows.every((r) => r.status === 'done' && r.told >= 1),
    ).then(({ rows }) => rows);
    expect(built.map((r) => r.told)).toEqual([1, 1]);
    await workload.consistency();
    expect(duplicates).toBe(0);
    report('redis-outage', {
      requests: writes.length * 3 + 2,
      writesChecked: checked,
      writesDuringOutage: during.length,
      outageWriteMs,
      reportsChecked: built.length,
      duplicates,
      webhookRedeliveries: redeliveries,
    });
  }, 240_000);
});
