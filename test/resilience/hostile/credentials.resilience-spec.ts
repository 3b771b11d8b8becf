import { createHmac } from 'node:crypto';
import { Harness, TestUser, reviewChallenge, submittedApplication } from '@catalyst/testing';
import { ROUTE_POLICY, RoutePolicy } from '../../../apps/api/src/auth/route-policy.decorator';
import { routeTable } from './lib/route-table';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Credentials under attack: forged access tokens on every signed-in route, copied and stale
 * refresh tokens, a password change that must end the other sign-ins, a reused invitation, a
 * guessed password, and two companies racing for one interview slot.
 */
describe('credentials and one-time things, attacked', () => {
  const h = new Harness({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '5', TRUST_PROXY: 'loopback' } });
  let user: TestUser;
  let ip = 0;
  /** Each call from its own address, so the sign-in limit is only met where a test means it. */
  const from = () => `198.51.100.${++ip}`;
  const login = (email: string, password: string, address = from()) =>
    h.http().post('/api/v1/auth/login').set('x-forwarded-for', address).send({ email, password });
  const refresh = (refreshToken: string) =>
    h.http().post('/api/v1/auth/refresh').set('x-forwarded-for', from()).send({ refreshToken });

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    user = await h.make.startupMember();
  });
  afterAll(() => h.teardown());

  it('refuses forged access tokens on every signed-in route without a parameter', async () => {
    const routes = routeTable<RoutePolicy>(h.api!, ROUTE_POLICY).filter(
      (r) => r.method === 'GET' && !r.path.includes(':') && r.policy?.kind !== 'public',
    );
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: user.id, typ: 'access', iss: 'catalyst', aud: 'catalyst-api', iat: now };
    const sign = (data: string, secret: string) =>
      createHmac('sha256', secret).update(data).digest('base64url');
    const hs = (payload: object, secret = h.config.jwtSecret) => {
      const data = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
      return `${data}.${sign(data, secret)}`;
    };
    const [header, , signature] = user.token.split('.');
    const forged = {
      'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, exp: now + 600 })}.`,
      'payload changed': `${header}.${b64({ ...claims, sub: user.id, exp: now + 99_999 })}.${signature}`,
      'wrong key': hs({ ...claims, exp: now + 600 }, `${h.config.jwtSecret}-not`),
      expired: hs({ ...claims, iat: now - 7200, exp: now - 60 }),
    };
    // The genuine one works on each route, so each refusal below is the forgery's.
    const failures: string[] = [];
    for (const r of routes) {
      const genuine = await h.http().get(`/api/v1${r.path}`).set('authorization', user.bearer);
      if (genuine.status === 401) failures.push(`${r.key}: refuses the genuine token`);
      for (const [what, token] of Object.entries(forged)) {
        const res = await h.http().get(`/api/v1${r.path}`).set('authorization', `Bearer ${token}`);
        if (res.status !== 401 || res.body.code !== 'auth.unauthenticated')
          failures.push(`${r.key} with ${what} → ${res.status}`);
      }
    }
    expect(routes.length).toBeGreaterThan(10);
    expect(failures).toEqual([]);
  });

  it('revokes the whole sign-in when a used refresh token comes back, and refuses an expired one', async () => {
    const first = (await login(user.email, user.password).expect(200)).body;
    const second = (await refresh(first.refreshToken).expect(200)).body;
    await refresh(first.refreshToken).expect(401);
    // The thief's copy cost the owner the successor too: the family is gone.
    await refresh(second.refreshToken).expect(401);

    const stale = (await login(user.email, user.password).expect(200)).body;
    h.clock.advance(31 * DAY_MS);
    try {
      const res = await refresh(stale.refreshToken).expect(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      h.clock.advance(-31 * DAY_MS);
    }
  });

  it('ends exactly the other sign-ins on a password change, and says how many', async () => {
    const someone = await h.make.startupMember();
    const sessions = [];
    for (let i = 0; i < 3; i++)
      sessions.push((await login(someone.email, someone.password).expect(200)).body);
    const changed = await h
      .http()
      .post('/api/v1/me/password')
      .set('authorization', `Bearer ${sessions[0].accessToken}`)
      .send({ currentPassword: someone.password, newPassword: 'a different long passphrase 7' })
      .expect(200);
    expect(changed.body).toEqual({ signInsEnded: 2 });
    await refresh(sessions[1].refreshToken).expect(401);
    await refresh(sessions[2].refreshToken).expect(401);
    const kept = (await refresh(sessions[0].refreshToken).expect(200)).body;

    // Now the only sign-in is the caller's: a second change ends none.
    const again = await h
      .http()
      .post('/api/v1/me/password')
      .set('authorization', `Bearer ${kept.accessToken}`)
      .send({
        currentPassword: 'a different long passphrase 7',
        newPassword: 'yet another passphrase 9',
      })
      .expect(200);
    expect(again.body).toEqual({ signInsEnded: 0 });
    const [audit] = await h
      .dataSource()
      .query(
        `SELECT data FROM audit_events WHERE action = 'user.password_changed' AND entity_id = $1 ORDER BY seq DESC LIMIT 1`,
        [someone.id],
      );
    expect(audit.data).toMatchObject({ signInsEnded: 0 });
  });

  it('accepts an invitation once: the second use creates nothing', async () => {
    const sponsorOrg = await h.make.organisation('sponsor');
    const pm = await h.make.programmeManager();
    const { token } = (
      await h
        .http()
        .post(`/api/v1/organisations/${sponsorOrg.id}/invitations`)
        .set('authorization', pm.bearer)
        .send({ email: 'once@example.org', role: 'assessor' })
        .expect(201)
    ).body;
    const accept = (name: string) =>
      h
        .http()
        .post(`/api/v1/invitations/${token}/accept`)
        .set('x-forwarded-for', from())
        .send({ name, password: 'a long enough passphrase' });
    await accept('First Use').expect(201);
    const users = await h.dataSource().query(`SELECT count(*)::int AS n FROM users`);
    const audits = await h.dataSource().query(`SELECT count(*)::int AS n FROM audit_events`);
    const second = await accept('Second Use');
    expect(second.status).toBeGreaterThanOrEqual(400);
    expect(second.status).toBeLessThan(500);
    expect(second.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await h.dataSource().query(`SELECT count(*)::int AS n FROM users`)).toEqual(users);
    expect(await h.dataSource().query(`SELECT count(*)::int AS n FROM audit_events`)).toEqual(
      audits,
    );
  });

  it('limits guessing a password from one address with 429, the right password included', async () => {
    const address = from();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await login(user.email, `guess number ${i}!`, address)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    const right = await login(user.email, user.password, address).expect(429);
    expect(right.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(right.body.accessToken).toBeUndefined();
  });

  it('refuses to book an interview slot another company has booked (409), writing nothing', async () => {
    const pm = await h.make.programmeManager();
    const { challenge } = await reviewChallenge(h);
    const companies = [];
    for (const name of ['Alder Analytics', 'Birch Robotics']) {
      const { application, company } = await submittedApplication(h, challenge, {
        companyName: name,
      });
      companies.push({ id: application.id, member: await h.make.startupMember(company.id) });
    }
    await h
      .dataSource()
      .query(`UPDATE applications SET status = 'shortlisted' WHERE challenge_id = $1`, [
        challenge.id,
      ]);
    const as = (u: TestUser) => ({
      post: (url: string, body: object) =>
        h.http().post(`/api/v1${url}`).set('authorization', u.bearer).send(body),
    });
    await as(pm)
      .post(`/challenges/${challenge.id}/stages`, {
        key: 'interview',
        label: 'Interview',
        rubric: [{ key: 'pitch', label: 'Pitch', weight: 1, maxScore: 10 }],
        needsSlots: true,
      })
      .expect(201);
    await as(pm)
      .post(`/challenges/${challenge.id}/stages/interview/entries`, {
        applicationIds: companies.map((c) => c.id),
        reason: 'Both go on',
      })
      .expect(201);
    const slot = (
      await as(pm)
        .post(`/challenges/${challenge.id}/stages/interview/slots`, {
          startsAt: '2027-02-01T11:00:00Z',
          lengthMinutes: 30,
          place: 'Room 4',
        })
        .expect(201)
    ).body;
    const [a, b] = companies;
    await as(a.member)
      .post(`/interview-slots/${slot.id}/booking`, { applicationId: a.id })
      .expect(200);
    const audits = await h.dataSource().query(`SELECT count(*)::int AS n FROM audit_events`);
    const taken = await as(b.member)
      .post(`/interview-slots/${slot.id}/booking`, { applicationId: b.id })
      .expect(409);
    expect(taken.body.code).toBe('interview_slot.taken');
    const [row] = await h
      .dataSource()
      .query(`SELECT application_id FROM interview_slots WHERE id = $1`, [slot.id]);
    expect(row.application_id).toBe(a.id);
    expect(await h.dataSource().query(`SELECT count(*)::int AS n FROM audit_events`)).toEqual(
      audits,
    );
  });
});
