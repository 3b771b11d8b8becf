import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ThrottlerStorage } from '@nestjs/throttler';
import { Redis } from 'ioredis';
import request from 'supertest';
import type { QueueBackend } from '@catalyst/common';
import { Harness } from '@catalyst/testing';
import { TEST_REDIS_URL } from '@catalyst/testing/services';
import { createApi } from '../../apps/api/src/bootstrap/create-api';

/**
 * The sign-in rate limit holds across API replicas: two API applications on one database and
 * one Redis (as two processes would be) count against one limit, on either queue backend.
 */
describe.each<QueueBackend>(['redis', 'postgres'])(
  'rate-limit counters shared by API replicas (%s backend)',
  (queueBackend) => {
    const h = new Harness({
      queueBackend,
      env: { AUTH_RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: 'loopback' },
    });
    let second: NestFastifyApplication;

    beforeAll(async () => {
      await h.setup();
      await h.startApi();
      second = await createApi(h.config, { clock: h.clock, queuePrefix: h.queuePrefix });
      await second.getHttpAdapter().getInstance().ready();
    });
    afterAll(async () => {
      await second?.close();
      await h.teardown();
    });

    const login = (app: NestFastifyApplication, ip: string) =>
      request(app.getHttpServer())
        .post('/api/v1/auth/login')
        .set('x-forwarded-for', ip)
        .send({ email: 'nobody@example.org', password: 'wrong wrong wrong' });
    const first = () => h.api!;
    const storage = (app: NestFastifyApplication) => app.get<ThrottlerStorage>(ThrottlerStorage);
    const expireBlock = async (key: string) => {
      if (queueBackend === 'redis') {
        const redis = new Redis(TEST_REDIS_URL);
        try {
          const [blockKey] = await redis.keys(`${h.queuePrefix}:throttle:*${key}*:block`);
          const ttl = await redis.pttl(blockKey);
          expect(ttl).toBeGreaterThan(0);
          expect(ttl).toBeLessThanOrEqual(1000);
          await redis.del(blockKey);
        } finally {
          redis.disconnect();
        }
      } else {
        const ds = h.dataSource();
        const match = `${h.queuePrefix}:throttle:%${key}%`;
        const [{ left }]: { left: number }[] = await ds.query(
          `SELECT extract(epoch FROM blocked_until - now()) * 1000 AS left
           FROM throttle_counters WHERE key LIKE $1`,
          [match],
        );
        expect(Number(left)).toBeGreaterThan(0);
        expect(Number(left)).toBeLessThanOrEqual(1000);
        await ds.query(
          `UPDATE throttle_counters SET blocked_until = now() - interval '1 millisecond'
           WHERE key LIKE $1`,
          [match],
        );
      }
    };

    it('counts attempts on both instances against one limit: 429 on the second', async () => {
      await login(first(), '203.0.113.7').expect(401);
      await login(second, '203.0.113.7').expect(401);
      await login(first(), '203.0.113.7').expect(401);
      const res = await login(second, '203.0.113.7').expect(429);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 429, title: 'Too many requests' });
      const retryAfter = Number(res.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      // The block is shared too.
      await login(first(), '203.0.113.7').expect(429);
      // Another address is untouched.
      await login(second, '203.0.113.8').expect(401);
    });

    it('lets exactly `limit` of many concurrent hits through, across both instances', async () => {
      const key = `concurrent-${queueBackend}`;
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          storage(i % 2 ? second : first()).increment(key, 60_000, 5, 60_000, 'default'),
        ),
      );
      expect(results.filter((r) => !r.isBlocked)).toHaveLength(5);
      expect(results.filter((r) => !r.isBlocked).map((r) => r.totalHits)).toEqual(
        expect.arrayContaining([1, 2, 3, 4, 5]),
      );
    });

    it('blocks for blockDuration without counting, then counts afresh', async () => {
      const key = `block-${queueBackend}`;
      const hit = () => storage(first()).increment(key, 60_000, 1, 1000, 'default');
      expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false, timeToBlockExpire: 0 });
      expect(await hit()).toMatchObject({ totalHits: 2, isBlocked: true, timeToBlockExpire: 1 });
      expect(await storage(second).increment(key, 60_000, 1, 1000, 'default')).toMatchObject({
        totalHits: 2,
        isBlocked: true,
      });
      // The block ends when its expiry passes in the backend (Redis's clock or PostgreSQL's),
      // not the test's: check it is set to end within blockDuration, then make it end now
      // (what the backend does at that moment) instead of sleeping.
      await expireBlock(key);
      expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
    });

    it('keeps its keys under the per-file namespace', async () => {
      if (queueBackend === 'redis') {
        const redis = new Redis(TEST_REDIS_URL);
        try {
          const keys = await redis.keys(`${h.queuePrefix}:throttle:*`);
          expect(keys.length).toBeGreaterThan(0);
        } finally {
          redis.disconnect();
        }
      } else {
        const rows: { key: string }[] = await h
          .dataSource()
          .query(`SELECT key FROM throttle_counters`);
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) expect(row.key.startsWith(`${h.queuePrefix}:throttle:`)).toBe(true);
      }
    });
  },
);

describe('PostgreSQL rate-limit storage housekeeping', () => {
  const h = new Harness({ queueBackend: 'postgres' });

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
  });
  afterAll(() => h.teardown());

  it('deletes counters whose window and block are over, and only those', async () => {
    const ds = h.dataSource();
    await ds.query(
      `INSERT INTO throttle_counters (key, hits, window_ends_at, blocked_until) VALUES
         ('old', 3, now() - interval '1 minute', NULL),
         ('old-block-over', 9, now() - interval '2 minutes', now() - interval '1 minute'),
         ('still-blocked', 9, now() - interval '1 minute', now() + interval '1 minute'),
         ('live', 1, now() + interval '1 minute', NULL)`,
    );
    const storage = h.api!.get<ThrottlerStorage>(ThrottlerStorage) as ThrottlerStorage & {
      purgeExpired(): Promise<number>;
    };
    expect(await storage.purgeExpired()).toBe(2);
    const rows: { key: string }[] = await ds.query(
      `SELECT key FROM throttle_counters ORDER BY key`,
    );
    expect(rows.map((r) => r.key)).toEqual(['live', 'still-blocked']);
  });
});

describe('Redis rate-limit storage connection', () => {
  const h = new Harness({ queueBackend: 'redis' });

  beforeAll(() => h.setup());
  afterAll(() => h.teardown());

  it('is closed when the API shuts down', async () => {
    const redis = new Redis(TEST_REDIS_URL);
    const name = `${h.queuePrefix}:throttle`;
    const connections = async () =>
      String(await redis.call('CLIENT', 'LIST'))
        .split('\n')
        .filter((line) => line.includes(` name=${name} `)).length;
    try {
      const app = await createApi(h.config, { clock: h.clock, queuePrefix: h.queuePrefix });
      await app.getHttpAdapter().getInstance().ready();
      await app.get<ThrottlerStorage>(ThrottlerStorage).increment('k', 1000, 1, 1000, 'default');
      expect(await connections()).toBe(1);
      await app.close();
      expect(await connections()).toBe(0);
    } finally {
      redis.disconnect();
    }
  });
});
