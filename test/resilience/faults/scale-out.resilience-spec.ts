import { QueueName } from '@catalyst/queues';
import { eventually } from '../support/processes';
import { FULL, inParallel, queueOf, report } from '../support/scenario';
import { Stack } from '../support/stack';
import { Workload, confirmed } from '../support/workload';

const SCAN_EVERY_MS = 1000;
const SCHEDULED = /^repeat:reminder-scan:(\d+)$/;

/**
 * Two API processes and two workers on one PostgreSQL and one Redis: every write made through
 * either API is there with its audit rows, every notification and webhook is delivered once,
 * and the recurring reminder scan fires once per period, not once per worker.
 */
describe('scale-out: two APIs and two workers', () => {
  const stack = new Stack({ REMINDER_SCAN_EVERY: String(SCAN_EVERY_MS) });
  const workload = new Workload(stack);

  beforeAll(async () => {
    await stack.start();
    await Promise.all([
      stack.startApi(),
      stack.startApi(),
      stack.startWorker(),
      stack.startWorker(),
    ]);
    await workload.prepare(stack.apis[0]);
  }, 180_000);
  afterAll(async () => {
    await workload.close();
    await stack.stop();
  });

  it('keeps every write made through either API and delivers each notification and webhook once', async () => {
    const founders = await workload.founders(FULL ? 150 : 40);
    const writes = await inParallel(founders, 8, (founder, i) =>
      workload.write(stack.apis[i % 2], founder),
    );
    const refused = writes.filter((w) => !confirmed(w));
    expect(refused.map((w) => [w.draft?.status, w.submit?.status, w.outcome?.status])).toEqual([]);
    const { duplicates, checked, redeliveries } = await workload.audit(writes);
    expect(duplicates).toBe(0);
    report('scale-out', {
      requests: writes.length * 3,
      writesChecked: checked,
      duplicates,
      webhookRedeliveries: redeliveries,
      apis: 2,
      workers: 2,
    });
  });

  it('fires the recurring reminder scan once per period, and reminds each person once', async () => {
    const soon = await workload.make.round({
      opensAt: new Date(Date.now() - 86_400_000),
      closesAt: new Date(Date.now() + 12 * 3_600_000),
    });
    const challenge = await workload.make.challenge(soon);
    const [late] = await workload.founders(1);
    const draft = await stack.apis[1].request(
      'POST',
      `/api/v1/challenges/${challenge.id}/applications`,
      { bearer: late.bearer, body: { answers: {} } },
    );
    expect(draft.status).toBe(201);

    const queue = queueOf(stack.redis!.url, QueueName.Notifications);
    try {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => s.key).filter((k) => k === 'reminder-scan')).toHaveLength(1);
      const since = Date.now();
      // Watch at least five periods go by. A scheduled job's id carries the slot it was due in
      // (repeat:<key>:<millis>); the job's timestamp is when the previous run made it, which
      // drifts with how busy the workers are, so the slots are what show one scan per period.
      const scans = await eventually(
        'five reminder scans completed',
        async () =>
          (await queue.getJobs(['completed'], 0, 1000)).filter(
            (job) => job.name === 'reminder-scan' && job.finishedOn! >= since,
          ),
        (jobs) => jobs.length >= 5,
        60_000,
      );
      // Every scan came from the one scheduler: nothing else queues the scan.
      expect(scans.map((job) => job.id).filter((id) => !SCHEDULED.test(id!))).toEqual([]);
      const slots = scans.map((job) => Number(SCHEDULED.exec(job.id!)![1])).sort((a, b) => a - b);
      const gaps = slots.slice(1).map((t, i) => t - slots[i]);
      // One scan per period: no slot run twice, none closer than a period to the one before.
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(SCAN_EVERY_MS);
      const reminders = await eventually(
        'the deadline reminder is delivered',
        () =>
          stack.pg.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM notification_deliveries
              WHERE rule = 'application-deadline' AND subject = $1 AND recipient = $2`,
            [`round:${soon.id}`, `user:${late.id}`],
          ),
        (rows) => rows[0].n > 0,
      );
      // More scans after the first delivery: still one.
      const after = Date.now();
      await eventually(
        'two more scans',
        async () =>
          (await queue.getJobs(['completed'], 0, 1000)).filter(
            (job) => job.name === 'reminder-scan' && job.finishedOn! > after,
          ).length,
        (n) => n >= 2,
      );
      const [{ n }] = await stack.pg.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND subject_id = $2`,
        [late.id, soon.id],
      );
      expect(reminders[0].n).toBe(1);
      expect(n).toBe(1);
      report('scale-out-schedules', {
        requests: 1,
        writesChecked: 1,
        duplicates: reminders[0].n - 1 + (n - 1),
        scansWatched: scans.length,
        shortestGapMs: Math.min(...gaps),
      });
    } finally {
      await queue.close();
    }
  });
});
