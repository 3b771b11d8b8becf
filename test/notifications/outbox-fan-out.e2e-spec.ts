import { ApplicationsFactory, Harness } from '@catalyst/testing';

/**
 * An event may have several readers: `application.submitted` is published to assessment's
 * conflict check and subscribed to by notifications. Each gets its own outbox row, in the
 * change's transaction, under its own deterministic job id, and each is relayed once.
 */
describe('one event, several subscribers', () => {
  const h = new Harness();
  const apps = new ApplicationsFactory(h);
  beforeAll(async () => {
    await h.setup();
    await h.startApi();
  });
  afterAll(() => h.teardown());

  it('writes one outbox row per subscriber, with one event id, and relays each to its own job', async () => {
    const challenge = await apps.challenge(await apps.round());
    const founder = await h.make.startupMember();
    const app = await apps.submitted(founder, challenge.id);
    const rows = await h
      .dataSource()
      .query<{ queue: string; job_name: string; job_id: string; event_id: string }[]>(
        `SELECT queue, job_name, job_id, payload->>'eventId' AS event_id FROM outbox_events
          WHERE event = 'application.submitted' AND payload->>'entityId' = $1 ORDER BY id`,
        [app.id],
      );
    expect(rows).toHaveLength(2);
    const [first, second] = rows;
    expect(first).toMatchObject({
      queue: 'assessment',
      job_name: 'conflict-competitors',
      job_id: `conflict-competitors.${app.id}`,
    });
    expect(second).toMatchObject({
      queue: 'notifications',
      job_name: 'route-event',
      job_id: `route-event.${first.event_id}`,
    });
    expect(second.event_id).toBe(first.event_id);

    await h.startWorker();
    await h.drainQueues(60_000);
    const relayed = await h
      .dataSource()
      .query<{ relayed: boolean }[]>(
        `SELECT relayed_at IS NOT NULL AS relayed FROM outbox_events WHERE payload->>'entityId' = $1 AND event = 'application.submitted'`,
        [app.id],
      );
    expect(relayed).toEqual([{ relayed: true }, { relayed: true }]);
    const completed = await h.producer().queue('notifications').getJobs(['completed']);
    expect(completed.filter((j) => j.id === second.job_id)).toHaveLength(1);
  });
});
