import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { Harness, TestUser } from '@catalyst/testing';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT built by hand, so each test controls exactly one thing that is wrong with it. */
function jwt(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  signer: (data: string) => string,
): string {
  const data = `${b64(header)}.${b64(claims)}`;
  return `${data}.${signer(data)}`;
}

const hmac = (algorithm: 'sha256' | 'sha512', secret: string) => (data: string) =>
  createHmac(algorithm, secret).update(data).digest('base64url');

describe('access tokens that were tampered with', () => {
  const h = new Harness();
  let user: TestUser;
  let secret: string;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    user = await h.make.startupMember();
    secret = h.config.jwtSecret;
  });
  afterAll(() => h.teardown());

  const now = () => Math.floor(Date.now() / 1000);
  const claims = (overrides: Record<string, unknown> = {}) => ({
    sub: user.id,
    typ: 'access',
    iss: 'catalyst',
    aud: 'catalyst-api',
    iat: now(),
    exp: now() + 600,
    ...overrides,
  });
  const me = (token: string) => h.http().get('/api/v1/me').set('authorization', `Bearer ${token}`);

  it('accepts a hand-made token signed correctly (so the refusals below mean something)', async () => {
    const token = jwt({ alg: 'HS256', typ: 'JWT' }, claims(), hmac('sha256', secret));
    const res = await me(token).expect(200);
    expect(res.body.id).toBe(user.id);
  });

  it('refuses a token signed with another secret', async () => {
    await me(jwt({ alg: 'HS256', typ: 'JWT' }, claims(), hmac('sha256', `${secret}x`))).expect(401);
  });

  it('refuses a valid token whose payload was edited (another user id)', async () => {
    const other = await h.make.programmeManager();
    const [header, , signature] = user.token.split('.');
    const forged = `${header}.${b64(claims({ sub: other.id }))}.${signature}`;
    await me(forged).expect(401);
  });

  it('refuses alg none, with or without a signature', async () => {
    await me(jwt({ alg: 'none', typ: 'JWT' }, claims(), () => '')).expect(401);
    await me(jwt({ alg: 'none' }, claims(), hmac('sha256', secret))).expect(401);
    await me(jwt({ alg: 'NONE' }, claims(), () => '')).expect(401);
  });

  it('refuses other algorithms, even signed with the right secret', async () => {
    await me(jwt({ alg: 'HS512', typ: 'JWT' }, claims(), hmac('sha512', secret))).expect(401);
    // Key confusion: an RS256 header over an HMAC made with the shared secret.
    await me(jwt({ alg: 'RS256', typ: 'JWT' }, claims(), hmac('sha256', secret))).expect(401);
  });

  it('refuses a genuinely RS256-signed token', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rs256 = (data: string) =>
      sign('sha256', Buffer.from(data), privateKey).toString('base64url');
    await me(jwt({ alg: 'RS256', typ: 'JWT' }, claims(), rs256)).expect(401);
  });

  it('refuses an expired token', async () => {
    const expired = claims({ iat: now() - 3600, exp: now() - 60 });
    const res = await me(jwt({ alg: 'HS256', typ: 'JWT' }, expired, hmac('sha256', secret))).expect(
      401,
    );
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses a token for another audience or issuer, or that is not an access token', async () => {
    const sign256 = hmac('sha256', secret);
    await me(jwt({ alg: 'HS256' }, claims({ aud: 'someone-else' }), sign256)).expect(401);
    await me(jwt({ alg: 'HS256' }, claims({ iss: 'someone-else' }), sign256)).expect(401);
    await me(jwt({ alg: 'HS256' }, claims({ typ: 'refresh' }), sign256)).expect(401);
    await me(jwt({ alg: 'HS256' }, claims({ sub: undefined }), sign256)).expect(401);
  });

  it('refuses a well-signed token without an expiry (it would never expire)', async () => {
    const res = await me(
      jwt({ alg: 'HS256', typ: 'JWT' }, claims({ exp: undefined }), hmac('sha256', secret)),
    ).expect(401);
    expect(res.body.code).toBe('auth.unauthenticated');
  });

  it('answers 401, not 500, to a well-signed token whose subject is not a user id', async () => {
    const sign256 = hmac('sha256', secret);
    for (const sub of ['not-a-uuid', '1', "x' OR '1'='1", 42]) {
      const res = await me(jwt({ alg: 'HS256' }, claims({ sub }), sign256)).expect(401);
      expect(res.body.code).toBe('auth.unauthenticated');
    }
  });

  it('refuses a well-signed token for a user that does not exist', async () => {
    const ghost = claims({ sub: '00000000-0000-4000-8000-000000000000' });
    await me(jwt({ alg: 'HS256' }, ghost, hmac('sha256', secret))).expect(401);
  });

  it('refuses garbage and other schemes', async () => {
    await me('not-a-jwt').expect(401);
    await h.http().get('/api/v1/me').set('authorization', `Basic ${user.token}`).expect(401);
    await h.http().get('/api/v1/me').set('authorization', user.token).expect(401);
  });

  it('refuses a refresh token used as an access token', async () => {
    const login = await h
      .http()
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);
    await me(login.body.refreshToken).expect(401);
  });
});
