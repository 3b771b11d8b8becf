import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { ThrottlerStorage } from '@nestjs/throttler';
import { Redis } from 'ioredis';
import { Harness } from '@catalyst/testing';

/** A port nobody listens on right now (the OS picks it). */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** Our own redis-server, never the shared one: this test stops it. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => 50 });
  const deadline = Date.now() + 15_000;
  try {
    for (;;) {
      try {
        await probe.connect();
        await probe.ping();
        return child;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        probe.disconnect();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  } finally {
    probe.disconnect();
  }
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

describe('sign-in while the rate-limit Redis is down', () => {
  let port: number;
  let redis: ChildProcess;
  let h: Harness;
  const ip = { register: '203.0.113.10', login: '203.0.113.11', refresh: '203.0.113.12' };

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    h = new Harness({
      queueBackend: 'redis',
      env: {
        REDIS_URL: `redis://127.0.0.1:${port}`,
        AUTH_RATE_LIMIT_PER_MINUTE: '4',
        TRUST_PROXY: 'loopback',
      },
    });
    await h.setup();
    await h.startApi();
  });
  afterAll(async () => {
    // Back up before the API closes, so its queue connections can close cleanly.
    if (redis.exitCode !== null || redis.signalCode !== null) redis = await startRedis(port);
    await h.teardown();
    await stopRedis(redis);
  });

  const register = (email: string) =>
    h
      .http()
      .post('/api/v1/auth/register')
      .set('x-forwarded-for', ip.register)
      .send({
        email,
        password: 'a long enough passphrase',
        name: 'Grace Hopper',
        organisationName: `Hopper Ltd ${email}`,
      });
  const login = (email: string, password = 'a long enough passphrase') =>
    h.http().post('/api/v1/auth/login').set('x-forwarded-for', ip.login).send({ email, password });

  it('keeps register, login and refresh working, and still counts attempts in PostgreSQL', async () => {
    await register('before@hopper.example').expect(201);
    const before = await login('before@hopper.example').expect(200);

    await stopRedis(redis);

    await register('during@hopper.example').expect(201);
    const signedIn = await login('during@hopper.example').expect(200);
    const refreshed = await h
      .http()
      .post('/api/v1/auth/refresh')
      .set('x-forwarded-for', ip.refresh)
      .send({ refreshToken: before.body.refreshToken })
      .expect(200);
    expect(refreshed.body.accessToken).toEqual(expect.any(String));
    await h
      .http()
      .get('/api/v1/me')
      .set('authorization', `Bearer ${signedIn.body.accessToken}`)
      .expect(200);

    // The limit still holds: 4 a minute, counted in PostgreSQL while Redis is away.
    const attempts: number[] = [];
    for (let i = 0; i < 5; i++)
      attempts.push((await login('during@hopper.example', 'wrong password, again')).status);
    expect(attempts.slice(0, 3)).toEqual([401, 401, 401]);
    expect(attempts[4]).toBe(429);
    const rows: { key: string }[] = await h
      .dataSource()
      .query('SELECT key FROM throttle_counters WHERE key LIKE $1', [
        `${h.queuePrefix}:throttle:%`,
      ]);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('goes back to counting in Redis once it answers again', async () => {
    redis = await startRedis(port);
    const storage = h.api!.get<ThrottlerStorage>(ThrottlerStorage);
    const client = new Redis({ port, host: '127.0.0.1' });
    try {
      const deadline = Date.now() + 20_000;
      let keys: string[] = [];
      while (keys.length === 0) {
        if (Date.now() > deadline) throw new Error('the counters never went back to Redis');
        await storage.increment('probe', 60_000, 100, 60_000, 'default');
        keys = await client.keys(`${h.queuePrefix}:throttle:*probe*`);
        if (keys.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(keys.length).toBeGreaterThan(0);
    } finally {
      client.disconnect();
    }
  });
});
