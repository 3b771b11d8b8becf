import { randomUUID } from 'node:crypto';
import { PING_JOB, PingHandler } from '@catalyst/ops';
import { Harness } from '@catalyst/testing';

describe.each(['redis', 'postgres'] as const)('the ping job on the %s queue backend', (backend) => {
  const h = new Harness({ queueBackend: backend });

  let pm: string;
  let pmId: string;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    await h.startWorker();
    const user = await h.make.programmeManager();
    pm = user.bearer;
    pmId = user.id;
  });
  afterAll(() => h.teardown());

  const receipts = (pingId: string) =>
    h.dataSource().query('SELECT ping_id FROM ping_receipts WHERE ping_id = $1', [pingId]);

  it('goes from the API through the queue to a row written by the worker', async () => {
    const sent = await h
      .http()
      .post('/api/v1/ops/pings')
      .set('authorization', pm)
      .send({})
      .expect(202);
    await h.drainQueues();
    const res = await h
      .http()
      .get(`/api/v1/ops/pings/${sent.body.pingId}`)
      .set('authorization', pm)
      .expect(200);
    expect(res.body.pingId).toBe(sent.body.pingId);
    expect(await receipts(sent.body.pingId)).toHaveLength(1);
    const events = await h
      .dataSource()
      .query('SELECT action, actor_id FROM audit_events WHERE entity_id = $1', [sent.body.pingId]);
    expect(events).toEqual([{ action: 'ping.sent', actor_id: pmId }]);
  });

  it('has one effect when the same ping is sent twice', async () => {
    const pingId = randomUUID();
    await h.http().post('/api/v1/ops/pings').set('authorization', pm).send({ pingId }).expect(202);
    await h.http().post('/api/v1/ops/pings').set('authorization', pm).send({ pingId }).expect(202);
    await h.drainQueues();
    expect(await receipts(pingId)).toHaveLength(1);
  });

  it('has one effect when the handler itself runs twice (a retried job)', async () => {
    const pingId = randomUUID();
    const handler = h.workers[0].get(PingHandler);
    const first = await handler.handle({ pingId }, { id: 'x', attemptsMade: 0 });
    const second = await handler.handle({ pingId }, { id: 'x', attemptsMade: 1 });
    expect(first).toEqual({ recorded: true });
    expect(second).toEqual({ recorded: false });
    expect(await receipts(pingId)).toHaveLength(1);
  });

  it('runs on the configured backend', () => {
    expect(h.config.queueBackend).toBe(backend);
    // Stored in the queue backend and in job ids: never renamed.
    expect(PING_JOB.name).toBe('ping');
  });
});
