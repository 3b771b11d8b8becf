import { randomUUID } from 'node:crypto';
import { AuditService, OutboxRelay, PruneRelayedOutboxHandler } from '@catalyst/audit';
import { QueueName } from '@catalyst/queues';
import { Client } from 'pg';
import { Harness, TEST_ADMIN_URL, TestUser } from '@catalyst/testing';
import { OwnRedis } from '../support/own-redis';

async function asAdmin(sql: string): Promise<void> {
  const client = new Client({ connectionString: TEST_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const pending = async (h: Harness) =>
  (
    await h
      .dataSource()
      .query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM outbox_events WHERE relayed_at IS NULL',
      )
  )[0].n;

describe('the audit write path', () => {
  const h = new Harness();
  let pm: TestUser;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    pm = await h.make.programmeManager();
  });
  afterAll(() => h.teardown());

  const audit = () => h.api!.get(AuditService);
  const actionsOf = async (entityType: string) => {
    const res = await h
      .http()
      .get(`/api/v1/audit?entityType=${entityType}&limit=100`)
      .set('authorization', pm.bearer)
      .expect(200);
    return res.body.items.map((e: { action: string }) => e.action).reverse();
  };

  it('sorts a batch written after a single event after it, even when its transaction began first', async () => {
    const batch = h.dataSource().createQueryRunner();
    await batch.connect();
    await batch.startTransaction();
    try {
      // The batch's transaction starts (and fixes its now()) before the single event.
      await batch.query('SELECT now()');
      await h.dataSource().transaction((m) =>
        audit().record(m, {
          actor: null,
          action: 'widget.single',
          entityType: 'widget',
          entityId: 'w',
        }),
      );
      await audit().recordMany(batch.manager, [
        { actor: null, action: 'widget.batch1', entityType: 'widget', entityId: 'w' },
        { actor: null, action: 'widget.batch2', entityType: 'widget', entityId: 'w' },
      ]);
      await batch.commitTransaction();
    } finally {
      await batch.release();
    }
    expect(await actionsOf('widget')).toEqual(['widget.single', 'widget.batch1', 'widget.batch2']);
  });

  it('keeps a large batch in the order it was given, across statements', async () => {
    const events = Array.from({ length: 1500 }, (_, i) => ({
      actor: null,
      action: `gadget.step${i}`,
      entityType: 'gadget',
      entityId: 'g',
    }));
    await h.dataSource().transaction((m) => audit().recordMany(m, events));
    const rows = await h
      .dataSource()
      .query<{ action: string }[]>(
        "SELECT action FROM audit_events WHERE entity_type = 'gadget' ORDER BY at, seq",
      );
    expect(rows.map((r) => r.action)).toEqual(events.map((e) => e.action));
  });

  it('writes an outbox row for a published event in the same transaction, and none if it rolls back', async () => {
    const kept = randomUUID();
    const dropped = randomUUID();
    const ping = (pingId: string) => ({
      actor: null,
      action: 'ping.sent' as const,
      entityType: 'ping',
      entityId: pingId,
    });
    await h.dataSource().transaction((m) => audit().record(m, ping(kept)));
    await expect(
      h.dataSource().transaction(async (m) => {
        await audit().record(m, ping(dropped));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const rows = await h
      .dataSource()
      .query(
        'SELECT event, queue, job_name, job_id, job_data, relayed_at FROM outbox_events WHERE job_id IN ($1, $2)',
        [`ping.${kept}`, `ping.${dropped}`],
      );
    expect(rows).toEqual([
      {
        event: 'ping.sent',
        queue: 'maintenance',
        job_name: 'ping',
        job_id: `ping.${kept}`,
        job_data: { pingId: kept },
        relayed_at: null,
      },
    ]);
  });

  it('writes no outbox row for an event that is not published', async () => {
    await h.dataSource().transaction((m) =>
      audit().record(m, {
        actor: null,
        action: 'widget.single',
        entityType: 'widget',
        entityId: 'x',
      }),
    );
    expect(await pending(h)).toBe(1); // only the ping of the previous test
  });
});

describe.each(['redis', 'postgres'] as const)(
  'the outbox relay on the %s queue backend',
  (backend) => {
    const h = new Harness({ queueBackend: backend });
    let relay: OutboxRelay;

    beforeAll(async () => {
      await h.setup();
      await h.startApi();
      // Passes are driven by the test, one at a time.
      const worker = await h.startWorker({ outbox: { autoStart: false } });
      relay = worker.get(OutboxRelay);
    });
    afterAll(() => h.teardown());

    const sendPing = (manager: Parameters<AuditService['record']>[0], pingId: string) =>
      h.api!.get(AuditService).record(manager, {
        actor: null,
        action: 'ping.sent',
        entityType: 'ping',
        entityId: pingId,
      });
    const queuedJobIds = async () => {
      const jobs = await h
        .producer()
        .queue(QueueName.Maintenance)
        .getJobs(['waiting', 'active', 'completed', 'delayed', 'prioritized']);
      return jobs.map((j) => j.id).sort();
    };

    it('relays a row whose transaction commits after a later id’s: nothing is skipped', async () => {
      const early = randomUUID();
      const late = randomUUID();
      const slow = h.dataSource().createQueryRunner();
      await slow.connect();
      await slow.startTransaction();
      try {
        await sendPing(slow.manager, early); // takes the lower id, commits last
        await h.dataSource().transaction((m) => sendPing(m, late));
        expect(await relay.relayOnce()).toBe(1);
        await slow.commitTransaction();
      } finally {
        await slow.release();
      }
      expect(await relay.relayOnce()).toBe(1);
      expect(await relay.relayOnce()).toBe(0);
      const ids = await h
        .dataSource()
        .query<{ id: string; job_id: string }[]>(
          'SELECT id, job_id FROM outbox_events ORDER BY id',
        );
      expect(ids.map((r) => r.job_id)).toEqual([`ping.${early}`, `ping.${late}`]);
      expect(await queuedJobIds()).toEqual([`ping.${early}`, `ping.${late}`].sort());
      expect(await pending(h)).toBe(0);
    });

    it('never hands the same row to two relays running at once, and adds each job once', async () => {
      const pings = Array.from({ length: 30 }, () => randomUUID());
      await h.dataSource().transaction(async (m) => {
        for (const p of pings) await sendPing(m, p);
      });
      // The same event sent twice is one job (its id is deterministic).
      await h.dataSource().transaction((m) => sendPing(m, pings[0]));
      const before = (await queuedJobIds()).length;
      const counts = await Promise.all([relay.relayOnce(), relay.relayOnce(), relay.relayOnce()]);
      while ((await pending(h)) > 0) counts.push(await relay.relayOnce());
      expect(counts.reduce((a, b) => a + b, 0)).toBe(31);
      expect((await queuedJobIds()).length).toBe(before + 30);
      await h.drainQueues();
      const receipts = await h
        .dataSource()
        .query<{ n: number }[]>(
          'SELECT count(*)::int AS n FROM ping_receipts WHERE ping_id = ANY($1::uuid[])',
          [pings],
        );
      expect(receipts[0].n).toBe(30);
    });

    it('prunes rows relayed over a week ago, keeps recent and unrelayed ones, once', async () => {
      const row = (jobId: string, relayed: string | null) =>
        h.dataSource().query(
          `INSERT INTO outbox_events (event, payload, queue, job_name, job_id, job_data, job_options,
                                      created_at, relayed_at)
           VALUES ('ping.sent', '{}', 'maintenance', 'ping', $1, '{}', '{}',
                   now() - interval '30 days', now() - $2::interval)`,
          [jobId, relayed],
        );
      await row('old-relayed', '8 days');
      await row('recent-relayed', '6 days');
      await row('old-unrelayed', null);
      const handler = h.workers[0].get(PruneRelayedOutboxHandler);
      expect(await handler.handle({}, { id: 'x', attemptsMade: 0 })).toEqual({ deleted: 1 });
      expect(await handler.handle({}, { id: 'x', attemptsMade: 1 })).toEqual({ deleted: 0 });
      const left = await h
        .dataSource()
        .query<{ job_id: string }[]>(
          "SELECT job_id FROM outbox_events WHERE job_id LIKE '%relayed' ORDER BY job_id",
        );
      expect(left.map((r) => r.job_id)).toEqual(['old-unrelayed', 'recent-relayed']);
    });
  },
);

describe('POST /ops/pings', () => {
  const h = new Harness();
  let pm: TestUser;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    pm = await h.make.programmeManager();
  });
  afterAll(() => h.teardown());

  it('refuses a null pingId with 400, queues nothing and audits nothing', async () => {
    const res = await h
      .http()
      .post('/api/v1/ops/pings')
      .set('authorization', pm.bearer)
      .send({ pingId: null })
      .expect(400);
    expect(res.body.code).toBe('request.invalid');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'pingId' })]);
    const [counts] = await h.dataSource().query<{ outbox: number; audited: number }[]>(
      `SELECT (SELECT count(*)::int FROM outbox_events) AS outbox,
                (SELECT count(*)::int FROM audit_events WHERE entity_type = 'ping') AS audited`,
    );
    expect(counts).toEqual({ outbox: 0, audited: 0 });
    const queued = await h
      .producer()
      .queue(QueueName.Maintenance)
      .getJobCounts('waiting', 'delayed', 'active', 'completed', 'failed');
    expect(Object.values(queued).reduce((a, b) => a + b, 0)).toBe(0);
  });
});

describe('readiness when PostgreSQL is unreachable', () => {
  const h = new Harness();

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
  });
  afterAll(async () => {
    await asAdmin(`ALTER DATABASE "${h.db.name}" ALLOW_CONNECTIONS true`);
    await h.teardown();
  });

  it('answers 503 naming PostgreSQL, not the queue backend', async () => {
    await asAdmin(`ALTER DATABASE "${h.db.name}" ALLOW_CONNECTIONS false`);
    await asAdmin(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${h.db.name}'`,
    );
    const res = await h.http().get('/health/ready').expect(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('health.not_ready');
    expect(res.body.failed).toEqual(['database']);
    expect(res.body.detail).toContain('PostgreSQL');
    expect(res.body.checks.queue.status).toBe('up');
  });
});

describe('the outbox through a Redis outage', () => {
  const redis = new OwnRedis();
  let h: Harness;
  let pm: TestUser;

  beforeAll(async () => {
    await redis.start();
    h = new Harness({ env: { REDIS_URL: redis.url } });
    await h.setup();
    await h.startApi();
    await h.startWorker();
    pm = await h.make.programmeManager();
  });
  afterAll(async () => {
    await h.teardown();
    await redis.stop();
  });

  const send = (pingId: string) =>
    h.http().post('/api/v1/ops/pings').set('authorization', pm.bearer).send({ pingId });

  it('accepts writes while Redis is down, says so at readiness, and relays each event once when it is back', async () => {
    const before = randomUUID();
    await send(before).expect(202);
    await h.drainQueues();

    await redis.stop();
    const during = [randomUUID(), randomUUID(), randomUUID()];
    for (const pingId of during) {
      const res = await send(pingId).expect(202);
      expect(res.body).toEqual({ pingId });
    }
    // The same ping again while down: still one job in the end.
    await send(during[0]).expect(202);
    const audited = await h
      .dataSource()
      .query<{ entity_id: string }[]>(
        "SELECT entity_id FROM audit_events WHERE action = 'ping.sent' ORDER BY at, seq",
      );
    expect(audited.map((r) => r.entity_id)).toEqual([before, ...during, during[0]]);

    const ready = await h.http().get('/health/ready').expect(503);
    expect(ready.body.code).toBe('health.not_ready');
    expect(ready.body.failed).toEqual(['queue']);
    expect(ready.body.detail).toContain('queue backend');
    expect(ready.body.checks.database.status).toBe('up');

    await redis.start();
    await h.drainQueues(60_000);

    expect(await pending(h)).toBe(0);
    const completed = await h.producer().queue(QueueName.Maintenance).getJobs(['completed']);
    // Redis restarted empty: the jobs it holds are exactly those of the outage.
    expect(completed.map((j) => j.id).sort()).toEqual(during.map((p) => `ping.${p}`).sort());
    const receipts = await h
      .dataSource()
      .query<{ ping_id: string }[]>('SELECT ping_id FROM ping_receipts ORDER BY ping_id');
    expect(receipts.map((r) => r.ping_id)).toEqual([before, ...during].sort());
    await h.http().get('/health/ready').expect(200);
  });
});
