import * as argon2 from 'argon2';
import { createHash } from 'node:crypto';
import { Harness, waitFor } from '@catalyst/testing';

const PASSWORD = 'a long enough passphrase';

describe('register → login → refresh → logout', () => {
  const h = new Harness({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '1000' } });

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
  });
  afterAll(() => h.teardown());

  const register = (email: string, extra: Record<string, unknown> = {}) =>
    h
      .http()
      .post('/api/v1/auth/register')
      .send({
        email,
        password: PASSWORD,
        name: 'Ada Lovelace',
        organisationName: 'Acme Ltd',
        ...extra,
      });
  const login = (email: string, password = PASSWORD) =>
    h.http().post('/api/v1/auth/login').send({ email, password });
  const audit = (entityType: string, entityId: string) =>
    h
      .dataSource()
      .query(
        'SELECT action, actor_id, from_state, to_state, reason, correlation_id FROM audit_events WHERE entity_type = $1 AND entity_id = $2 ORDER BY at',
        [entityType, entityId],
      );

  it('registers a startup with its first member, audited in the same transaction', async () => {
    const res = await register('Ada@Acme.Example')
      .set('x-correlation-id', 'register-ada')
      .expect(201);
    expect(res.body).toMatchObject({
      user: { email: 'ada@acme.example', name: 'Ada Lovelace' },
      organisation: { name: 'Acme Ltd', kind: 'startup' },
      membership: {
        organisationKind: 'startup',
        organisationName: 'Acme Ltd',
        role: 'startup_member',
      },
    });
    expect(res.body.user).not.toHaveProperty('passwordHash');
    const [row] = await h
      .dataSource()
      .query('SELECT password_hash FROM users WHERE id = $1', [res.body.user.id]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(await audit('user', res.body.user.id)).toEqual([
      expect.objectContaining({
        action: 'user.registered',
        actor_id: res.body.user.id,
        correlation_id: 'register-ada',
      }),
    ]);
    expect(await audit('organisation', res.body.organisation.id)).toEqual([
      expect.objectContaining({ action: 'organisation.created' }),
    ]);
  });

  it('refuses a second account for the same e-mail, whatever its case', async () => {
    const res = await register('ADA@acme.example').expect(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const [{ count }] = await h
      .dataSource()
      .query("SELECT count(*)::int AS count FROM organisations WHERE name = 'Acme Ltd'");
    expect(count).toBe(1);
  });

  it('refuses passwords under 12 characters and unknown fields', async () => {
    const short = await register('short@acme.example', { password: 'elevenchars' }).expect(400);
    expect(short.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
    await register('extra@acme.example', { role: 'programme_manager' }).expect(400);
  });

  it('refuses common, repetitive and personal passwords, each with a field code', async () => {
    const cases: [string, string, string][] = [
      ['spaces@acme.example', ' '.repeat(12), 'password.repetitive'],
      ['repeat@acme.example', 'passwordpassword', 'password.repetitive'],
      ['letters@acme.example', 'aaaaaaaaaaaa', 'password.repetitive'],
      ['common@acme.example', 'password1234', 'password.common'],
      ['itself@acme.example', 'itself@acme.example', 'password.personal'],
      ['named@acme.example', 'Ada Lovelace 2027', 'password.personal'],
    ];
    for (const [email, password, code] of cases) {
      const res = await register(email, { password }).expect(400);
      expect(res.body).toMatchObject({
        code: 'password.rejected',
        errors: [{ field: 'password', code }],
      });
    }
    const [{ count }] = await h
      .dataSource()
      .query("SELECT count(*)::int AS count FROM users WHERE email LIKE '%@acme.example'");
    expect(count).toBe(1);
  });

  it('signs in, serves /me, rotates the refresh token and refuses its reuse', async () => {
    const first = await login('ada@acme.example').expect(200);
    expect(first.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expiresIn: 900,
      tokenType: 'Bearer',
    });
    const me = await h
      .http()
      .get('/api/v1/me')
      .set('authorization', `Bearer ${first.body.accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({
      email: 'ada@acme.example',
      memberships: [
        {
          organisationKind: 'startup',
          organisationName: 'Acme Ltd',
          role: 'startup_member',
          organisationId: expect.any(String),
        },
      ],
    });

    const second = await h
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: first.body.refreshToken })
      .expect(200);
    expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
    await h
      .http()
      .get('/api/v1/me')
      .set('authorization', `Bearer ${second.body.accessToken}`)
      .expect(200);

    // The first token again: someone copied it. The whole sign-in is revoked.
    const reuse = await h
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: first.body.refreshToken })
      .expect(401);
    expect(reuse.body.code).toBe('auth.unauthenticated');
    expect(reuse.body.detail).toMatch(/already used/);
    await h
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: second.body.refreshToken })
      .expect(401);

    const [{ family_id: family }] = await h
      .dataSource()
      .query('SELECT family_id FROM refresh_tokens WHERE user_id = $1 LIMIT 1', [me.body.id]);
    expect(await audit('refresh_token_family', family)).toEqual([
      expect.objectContaining({
        action: 'refresh_token_family.revoked',
        actor_id: null,
        to_state: 'revoked',
        reason: 'refresh token reused',
      }),
    ]);
  });

  it('keeps other sign-ins alive when one is revoked for reuse', async () => {
    const phone = await login('ada@acme.example').expect(200);
    const laptop = await login('ada@acme.example').expect(200);
    await h
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: phone.body.refreshToken })
      .expect(200);
    await h
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: phone.body.refreshToken })
      .expect(401);
    await h
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: laptop.body.refreshToken })
      .expect(200);
  });

  it('logs out: the refresh token and its successors stop working, and it is audited', async () => {
    const session = await login('ada@acme.example').expect(200);
    const next = await h
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: session.body.refreshToken })
      .expect(200);
    await h
      .http()
      .post('/api/v1/auth/logout')
      .set('x-correlation-id', 'logout-ada')
      .send({ refreshToken: next.body.refreshToken })
      .expect(204);
    await h
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: next.body.refreshToken })
      .expect(401);
    const events = await h
      .dataSource()
      .query("SELECT actor_id, reason FROM audit_events WHERE correlation_id = 'logout-ada'");
    expect(events).toEqual([{ actor_id: expect.any(String), reason: 'logout' }]);
    // Logging out again, or with a token nobody issued, is not an error and records nothing.
    await h
      .http()
      .post('/api/v1/auth/logout')
      .set('x-correlation-id', 'logout-again')
      .send({ refreshToken: next.body.refreshToken })
      .expect(204);
    await h.http().post('/api/v1/auth/logout').send({ refreshToken: 'never-issued' }).expect(204);
    const again = await h
      .dataSource()
      .query("SELECT 1 FROM audit_events WHERE correlation_id = 'logout-again'");
    expect(again).toHaveLength(0);
  });

  it('lets no token of a sign-in outlive a logout that races with a refresh', async () => {
    const session = await login('ada@acme.example').expect(200);
    const presented = session.body.refreshToken as string;
    const tokenHash = createHash('sha256').update(presented).digest('hex');
    const waiting = (count: number) =>
      waitFor(`${count} session(s) waiting for the token's row`, async () => {
        const [{ n }] = await h
          .dataSource()
          .query(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
          );
        return n >= count;
      });
    // Hold the token's row, so the refresh and then the logout both queue behind it: the
    // refresh goes first and issues the next token while the logout is already under way.
    const holder = h.dataSource().createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('SELECT 1 FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE', [
      tokenHash,
    ]);
    const refreshing = h.http().post('/api/v1/auth/refresh').send({ refreshToken: presented });
    const refreshed = refreshing.then((res) => res);
    await waiting(1);
    const loggedOut = h
      .http()
      .post('/api/v1/auth/logout')
      .send({ refreshToken: presented })
      .then((res) => res);
    await waiting(2);
    await holder.commitTransaction();
    await holder.release();

    const [refresh, logout] = await Promise.all([refreshed, loggedOut]);
    expect(logout.status).toBe(204);
    const [{ family_id: familyId }] = await h
      .dataSource()
      .query('SELECT family_id FROM refresh_tokens WHERE token_hash = $1', [tokenHash]);
    const live = await h
      .dataSource()
      .query('SELECT id FROM refresh_tokens WHERE family_id = $1 AND revoked_at IS NULL', [
        familyId,
      ]);
    expect(live).toEqual([]);
    if (refresh.status === 200) {
      await h
        .http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: refresh.body.refreshToken })
        .expect(401);
    }
  });

  it('refuses a refresh token past its 30 days', async () => {
    const session = await login('ada@acme.example').expect(200);
    h.clock.advance(30 * 24 * 60 * 60 * 1000 + 1000);
    await h
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: session.body.refreshToken })
      .expect(401);
  });

  it('upgrades a hash made with older argon2 parameters at the next successful sign-in', async () => {
    const user = await h.make.startupMember();
    // The library defaults every hash was made with before: 64 MiB, 3 passes, 4 lanes.
    const old = await argon2.hash(user.password, { type: argon2.argon2id });
    const storedHash = async (): Promise<string> =>
      (await h.dataSource().query('SELECT password_hash FROM users WHERE id = $1', [user.id]))[0]
        .password_hash;
    await h.dataSource().query('UPDATE users SET password_hash = $1 WHERE id = $2', [old, user.id]);

    await login(user.email, 'not the password at all').expect(401);
    expect(await storedHash()).toBe(old);
    await login(user.email, user.password).expect(200);
    const upgraded = await storedHash();
    expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await argon2.verify(upgraded, user.password)).toBe(true);
    await login(user.email, user.password).expect(200);
    expect(await storedHash()).toBe(upgraded);
  });

  it('gives one answer for a wrong password and an unknown e-mail', async () => {
    const wrong = await login('ada@acme.example', 'not the password at all').expect(401);
    const unknown = await login('nobody@acme.example').expect(401);
    expect(wrong.body.code).toBe(unknown.body.code);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('refuses a disabled account at login and on its existing tokens', async () => {
    await register('gone@acme.example', { organisationName: 'Gone Ltd' }).expect(201);
    const session = await login('gone@acme.example').expect(200);
    await h
      .dataSource()
      .query("UPDATE users SET disabled_at = now() WHERE email = 'gone@acme.example'");
    await login('gone@acme.example').expect(401);
    await h
      .http()
      .get('/api/v1/me')
      .set('authorization', `Bearer ${session.body.accessToken}`)
      .expect(401);
    await h
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: session.body.refreshToken })
      .expect(401);
  });
});
