import { ApplicationsFactory, Harness, TestUser } from '@catalyst/testing';
import { OwnRedis } from '../support/own-redis';
import { eventually } from './test-servers';

/** Writes succeed while Redis is down; afterwards every notification arrives, once. */
describe('notifications through a Redis outage', () => {
  const redis = new OwnRedis();
  let h: Harness;
  let apps: ApplicationsFactory;

  beforeAll(async () => {
    await redis.start();
    h = new Harness({ env: { REDIS_URL: redis.url } });
    apps = new ApplicationsFactory(h);
    await h.setup();
    await h.startApi();
    await h.startWorker();
  });
  afterAll(async () => {
    await h.teardown();
    await redis.stop();
  });

  const inbox = async (user: TestUser) =>
    (await h.http().get('/api/v1/notifications').set('authorization', user.bearer).expect(200))
      .body as {
      items: { kind: string; subjectId: string }[];
      unread: number;
    };

  it('keeps every submission made during the outage and tells each company once when Redis is back', async () => {
    const challenge = await apps.challenge(await apps.round());
    const founders = [
      await h.make.startupMember(),
      await h.make.startupMember(),
      await h.make.startupMember(),
    ];
    await redis.stop();
    const submitted = [];
    for (const founder of founders) submitted.push(await apps.submitted(founder, challenge.id));
    await redis.start();
    await eventually(
      () => Promise.all(founders.map((f) => inbox(f))),
      (boxes) => boxes.every((b) => b.unread >= 1),
      60_000,
    );
    await h.drainQueues(60_000);
    for (const [i, founder] of founders.entries()) {
      const box = await inbox(founder);
      expect(box.items.map((n) => [n.kind, n.subjectId])).toEqual([
        ['application-submitted', submitted[i].id],
      ]);
    }
  });
});
