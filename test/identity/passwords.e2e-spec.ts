import { Harness, TestUser } from '@catalyst/testing';

const NEW_PASSWORD = 'a brand new passphrase';
const HOUR = 60 * 60 * 1000;

describe('password change, reset and profile', () => {
  const h = new Harness({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '5', TRUST_PROXY: 'loopback' } });
  let pm: TestUser;
  let ipCounter = 0;
  const nextIp = () => `198.51.100.${++ipCounter}`;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    pm = await h.make.programmeManager();
  });
  afterAll(() => h.teardown());

  const login = (email: string, password: string) =>
    h.http().post('/api/v1/auth/login').set('x-forwarded-for', nextIp()).send({ email, password });
  const refresh = (refreshToken: string) =>
    h.http().post('/api/v1/auth/refresh').set('x-forwarded-for', nextIp()).send({ refreshToken });
  const audit = (action: string, entityId: string) =>
    h
      .dataSource()
      .query('SELECT actor_id, data FROM audit_events WHERE action = $1 AND entity_id = $2', [
        action,
        entityId,
      ]);

  it('changes the password with the current one and ends the other sign-ins only', async () => {
    const user = await h.make.startupMember();
    const here = (await login(user.email, user.password).expect(200)).body;
    const elsewhere = (await login(user.email, user.password).expect(200)).body;
    const change = (body: object) =>
      h
        .http()
        .post('/api/v1/me/password')
        .set('authorization', `Bearer ${here.accessToken}`)
        .send(body);

    const wrong = await change({ currentPassword: 'not my password', newPassword: NEW_PASSWORD });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('password.current_incorrect');
    const weak = await change({ currentPassword: user.password, newPassword: 'passwordpassword' });
    expect(weak.status).toBe(400);
    expect(weak.body).toMatchObject({
      code: 'password.rejected',
      errors: [{ field: 'newPassword', code: 'password.repetitive' }],
    });

    const ok = await change({ currentPassword: user.password, newPassword: NEW_PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ signInsEnded: 1 });
    await refresh(elsewhere.refreshToken).expect(401);
    await refresh(here.refreshToken).expect(200);
    await login(user.email, user.password).expect(401);
    await login(user.email, NEW_PASSWORD).expect(200);
    expect(await audit('user.password_changed', user.id)).toEqual([
      { actor_id: user.id, data: expect.objectContaining({ signInsEnded: 1 }) },
    ]);
  });

  it('answers 202 to a reset request whether or not the address has an account', async () => {
    const user = await h.make.sponsor();
    const ask = (email: string) =>
      h
        .http()
        .post('/api/v1/auth/password-resets')
        .set('x-forwarded-for', '192.0.2.50')
        .send({ email });
    const known = await ask(user.email);
    const unknown = await ask('nobody-at-all@example.org');
    expect(known.status).toBe(202);
    expect({ status: unknown.status, body: unknown.body, text: unknown.text }).toEqual({
      status: known.status,
      body: known.body,
      text: known.text,
    });
    const rows = await h
      .dataSource()
      .query('SELECT token_hash FROM password_reset_tokens WHERE user_id = $1', [user.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    // Rate-limited like sign-in: 5 a minute from one address.
    for (let i = 0; i < 3; i++) await ask('again@example.org').expect(202);
    await ask('again@example.org').expect(429);
  });

  it('resets with a programme manager’s token: single use, ends every sign-in, audited', async () => {
    const user = await h.make.assessor();
    const session = (await login(user.email, user.password).expect(200)).body;
    const someone = await h.make.sponsor();
    await h
      .http()
      .post(`/api/v1/users/${user.id}/password-resets`)
      .set('authorization', someone.bearer)
      .expect(403);
    const issued = await h
      .http()
      .post(`/api/v1/users/${user.id}/password-resets`)
      .set('authorization', pm.bearer)
      .expect(201);
    expect(issued.body).toMatchObject({
      tokenDelivery: 'response',
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    const complete = (token: string, newPassword: string) =>
      h
        .http()
        .post(`/api/v1/auth/password-resets/${token}`)
        .set('x-forwarded-for', nextIp())
        .send({ newPassword });

    const weak = await complete(issued.body.token, user.email).expect(400);
    expect(weak.body.errors).toEqual([
      expect.objectContaining({ field: 'newPassword', code: 'password.personal' }),
    ]);
    await complete(issued.body.token, NEW_PASSWORD).expect(204);
    await refresh(session.refreshToken).expect(401);
    await login(user.email, NEW_PASSWORD).expect(200);
    const again = await complete(issued.body.token, 'yet another passphrase').expect(409);
    expect(again.body.code).toBe('password_reset.already_used');
    const unknown = await complete('x'.repeat(43), 'yet another passphrase').expect(404);
    expect(unknown.body.code).toBe('password_reset.not_found');
    expect(await audit('password_reset.issued', issued.body.id)).toEqual([
      { actor_id: pm.id, data: expect.objectContaining({ userId: user.id }) },
    ]);
    expect(await audit('user.password_reset', user.id)).toHaveLength(1);
  });

  it('refuses a reset token after its hour', async () => {
    const user = await h.make.startupMember();
    const issued = await h
      .http()
      .post(`/api/v1/users/${user.id}/password-resets`)
      .set('authorization', pm.bearer)
      .expect(201);
    h.clock.advance(HOUR);
    const res = await h
      .http()
      .post(`/api/v1/auth/password-resets/${issued.body.token}`)
      .set('x-forwarded-for', nextIp())
      .send({ newPassword: NEW_PASSWORD })
      .expect(422);
    expect(res.body.code).toBe('password_reset.expired');
  });

  it('edits the caller’s name with If-Match, audited', async () => {
    const user = await h.make.startupMember();
    const me = (await h.http().get('/api/v1/me').set('authorization', user.bearer).expect(200))
      .body;
    const res = await h
      .http()
      .patch('/api/v1/me')
      .set('authorization', user.bearer)
      .set('if-match', String(me.version))
      .send({ name: 'Ada King' })
      .expect(200);
    expect(res.body).toMatchObject({ name: 'Ada King', version: me.version + 1 });
    const stale = await h
      .http()
      .patch('/api/v1/me')
      .set('authorization', user.bearer)
      .set('if-match', String(me.version))
      .send({ name: 'Ada Lovelace' })
      .expect(409);
    expect(stale.body.code).toBe('user.stale_version');
    await h
      .http()
      .patch('/api/v1/me')
      .set('authorization', user.bearer)
      .send({ email: 'new@example.org' })
      .expect(400);
    expect(await audit('user.updated', user.id)).toHaveLength(1);
  });
});
