import { ConfigError, loadConfig } from '@catalyst/common';
import { Harness } from '@catalyst/testing';

describe('rate limiting of the sign-in routes', () => {
  // Behind a trusted local proxy, as in production: X-Forwarded-For names the client.
  const h = new Harness({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: 'loopback' } });

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
  });
  afterAll(() => h.teardown());

  const login = (ip: string) =>
    h
      .http()
      .post('/api/v1/auth/login')
      .set('x-forwarded-for', ip)
      .send({ email: 'nobody@example.org', password: 'wrong wrong wrong' });

  it('answers 429 with Retry-After once an address has used its attempts', async () => {
    for (let i = 0; i < 3; i++) await login('203.0.113.1').expect(401);
    const res = await login('203.0.113.1').expect(429);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 429, title: 'Too many requests' });
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('counts each address on its own', async () => {
    await login('203.0.113.2').expect(401);
  });

  it('limits registration, refresh and invitation acceptance too', async () => {
    const ip = '203.0.113.3';
    const calls = [
      () => h.http().post('/api/v1/auth/register').set('x-forwarded-for', ip).send({}),
      () =>
        h
          .http()
          .post('/api/v1/auth/refresh')
          .set('x-forwarded-for', ip)
          .send({ refreshToken: 'nope' }),
      () =>
        h
          .http()
          .post(`/api/v1/invitations/${'x'.repeat(43)}/accept`)
          .set('x-forwarded-for', ip)
          .send({}),
    ];
    for (const call of calls) {
      for (let i = 0; i < 3; i++) expect((await call()).status).not.toBe(429);
      expect((await call()).status).toBe(429);
    }
  });

  it('leaves other routes alone', async () => {
    for (let i = 0; i < 5; i++) {
      await h.http().get('/api/v1/me').set('x-forwarded-for', '203.0.113.1').expect(401);
    }
  });
});

describe('AUTH_RATE_LIMIT_PER_MINUTE', () => {
  const base = { DATABASE_URL: 'postgres://localhost/x' };

  it('defaults to 10 a minute', () => {
    expect(loadConfig(base).authRateLimitPerMinute).toBe(10);
  });

  it('is refused, by name, when it is not a positive integer', () => {
    for (const bad of ['0', 'ten', '2.5']) {
      expect(() => loadConfig({ ...base, AUTH_RATE_LIMIT_PER_MINUTE: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ ...base, AUTH_RATE_LIMIT_PER_MINUTE: bad })).toThrow(
        /AUTH_RATE_LIMIT_PER_MINUTE/,
      );
    }
    expect(loadConfig({ ...base, AUTH_RATE_LIMIT_PER_MINUTE: '25' }).authRateLimitPerMinute).toBe(
      25,
    );
  });
});

describe('rate limiting without a trusted proxy', () => {
  const h = new Harness({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '2' } });

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
  });
  afterAll(() => h.teardown());

  it('ignores a client-supplied X-Forwarded-For, so spoofing it does not reset the limit', async () => {
    const attempt = (ip: string) =>
      h
        .http()
        .post('/api/v1/auth/login')
        .set('x-forwarded-for', ip)
        .send({ email: 'nobody@example.org', password: 'wrong wrong wrong' });
    await attempt('198.51.100.1').expect(401);
    await attempt('198.51.100.2').expect(401);
    await attempt('198.51.100.3').expect(429);
  });
});
