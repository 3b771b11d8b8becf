import { Redis } from 'ioredis';
import { eventually } from '../support/processes';
import { RedisSentinel, RedisServer } from '../support/redis-server';
import { FULL, explain, inParallel, report } from '../support/scenario';
import { Stack } from '../support/stack';
import { Workload, Write, confirmed } from '../support/workload';

/** What the Sentinel knows of `name`'s replicas: `ip:port` and flags of each. */
async function replicasSeen(sentinel: RedisSentinel): Promise<string[]> {
  const redis = new Redis({ host: '127.0.0.1', port: sentinel.port, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  try {
    const replicas = (await redis.call('SENTINEL', 'replicas', sentinel.name)) as string[][];
    return replicas.map((fields) => {
      const field = (key: string) => fields[fields.indexOf(key) + 1];
      return `${field('ip')}:${field('port')} ${field('flags')}`;
    });
  } finally {
    redis.disconnect();
  }
}

/**
 * The Redis primary dies mid-burst behind a Sentinel: the replica is promoted, the API and the
 * worker (configured with REDIS_SENTINELS, no REDIS_URL host) find the new primary through the
 * Sentinel, and every write's notification and webhook is delivered, once.
 */
describe('Redis failover through Sentinel', () => {
  const primary = new RedisServer();
  const replica = new RedisServer();
  let sentinel: RedisSentinel;
  const stack = new Stack();
  const workload = new Workload(stack);

  beforeAll(async () => {
    await Promise.all([stack.start({ redis: false }), primary.start()]);
    await replica.start({ replicaOf: primary });
    const probe = replica.client();
    await eventually(
      'the replica is in sync with the primary',
      () => probe.info('replication'),
      (info) => /master_link_status:up/.test(info),
    ).finally(() => probe.disconnect());
    sentinel = await new RedisSentinel(primary).start();
    await eventually(
      'the Sentinel knows the replica',
      () => replicasSeen(sentinel),
      (seen) => seen.some((r) => r.startsWith(`127.0.0.1:${replica.port} slave`)),
    );
    const viaSentinel = {
      REDIS_SENTINELS: `127.0.0.1:${sentinel.port}`,
      REDIS_SENTINEL_NAME: sentinel.name,
    };
    await Promise.all([stack.startApi(viaSentinel), stack.startWorker(viaSentinel)]);
    await workload.prepare(stack.apis[0]);
  }, 180_000);
  afterAll(async () => {
    await workload.close();
    await stack.stop();
  });

  it('promotes the replica, reconnects, and delivers every notification once', async () => {
    const api = stack.apis[0];
    expect(await sentinel.primaryPort()).toBe(primary.port);
    const founders = await workload.founders(FULL ? 120 : 40);
    const killAfter = Math.floor(founders.length / 3);
    let killed: Promise<void> | undefined;
    const began = Date.now();
    const writes: Write[] = await inParallel(founders, 5, async (founder, i) => {
      if (i === killAfter) killed = primary.kill();
      return workload.write(api, founder);
    });
    await killed;
    const burstMs = Date.now() - began;
    expect(writes.filter((w) => !confirmed(w)).map((w) => w.draft?.status)).toEqual([]);
    await eventually(
      'the Sentinel names the replica as the primary',
      () => sentinel.primaryPort(),
      (port) => port === replica.port,
    );
    const { duplicates, checked, redeliveries } = await workload
      .audit(writes)
      .catch(explain(stack));
    await workload.consistency();
    const [{ n }] = await stack.pg.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notifications WHERE kind = 'application-submitted'
        AND subject_id = ANY($1)`,
      [writes.map((w) => w.applicationId)],
    );
    expect(n).toBe(checked);
    expect(checked).toBe(founders.length);
    expect(duplicates).toBe(0);
    const ready = await eventually(
      'readiness is green on the promoted primary',
      () => api.readiness(),
      (r) => r.status === 200,
    );
    expect(ready.failed).toEqual([]);
    // The jobs went through the Sentinel's primaries, not some other Redis.
    const promoted = replica.client();
    const keys = await promoted.keys('catalyst:*').finally(() => promoted.disconnect());
    expect(keys.length).toBeGreaterThan(0);
    report('redis-failover', {
      requests: writes.length * 3,
      writesChecked: checked,
      writesBeforeKill: killAfter,
      burstMs,
      duplicates,
      webhookRedeliveries: redeliveries,
    });
  }, 120_000);
});
