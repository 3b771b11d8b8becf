import { createHash } from 'node:crypto';
import { Harness, TestUser } from '@catalyst/testing';

const DAY = 24 * 60 * 60 * 1000;

describe('invitations', () => {
  const h = new Harness({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '1000' } });
  let pm: TestUser;
  let sponsor: TestUser;
  let councilId: string;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    pm = await h.make.programmeManager();
    councilId = (await h.make.organisation('sponsor', { name: 'Fife Council' })).id;
    sponsor = await h.make.sponsor(councilId);
  });
  afterAll(() => h.teardown());

  const invite = (by: TestUser, organisationId: string, email: string, role: string) =>
    h
      .http()
      .post(`/api/v1/organisations/${organisationId}/invitations`)
      .set('authorization', by.bearer)
      .send({ email, role });
  const accept = (token: string, body: Record<string, unknown>) =>
    h.http().post(`/api/v1/invitations/${token}/accept`).send(body);
  const login = (email: string, password: string) =>
    h.http().post('/api/v1/auth/login').send({ email, password });

  it('creates an unguessable, hashed, 7-day token, and records that no e-mail was sent', async () => {
    const res = await invite(sponsor, councilId, 'Grace@Example.org', 'assessor').expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      tokenDelivery: 'response',
      tokenDeliveryNote: expect.any(String),
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expiresAt: new Date(h.clock.now().getTime() + 7 * DAY).toISOString(),
    });
    const [row] = await h
      .dataSource()
      .query('SELECT email, token_hash FROM invitations WHERE id = $1', [res.body.id]);
    expect(row.email).toBe('grace@example.org');
    expect(row.token_hash).toBe(createHash('sha256').update(res.body.token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(res.body.token);
    const [event] = await h
      .dataSource()
      .query('SELECT actor_id, to_state, data FROM audit_events WHERE entity_id = $1', [
        res.body.id,
      ]);
    expect(event).toMatchObject({
      actor_id: sponsor.id,
      to_state: 'pending',
      data: { email: 'grace@example.org', role: 'assessor', delivery: 'not_sent' },
    });
  });

  it('accepting creates the account and membership; the token then works no more', async () => {
    const { body: created } = await invite(
      sponsor,
      councilId,
      'hopper@example.org',
      'assessor',
    ).expect(201);
    const res = await accept(created.token, {
      name: 'Grace Hopper',
      password: 'a long enough passphrase',
    })
      .set('x-correlation-id', 'accept-hopper')
      .expect(201);
    expect(res.body).toEqual({
      userId: expect.any(String),
      email: 'hopper@example.org',
      accountCreated: true,
      membership: {
        organisationId: councilId,
        organisationKind: 'sponsor',
        organisationName: 'Fife Council',
        role: 'assessor',
      },
    });
    const session = await login('hopper@example.org', 'a long enough passphrase').expect(200);
    const me = await h
      .http()
      .get('/api/v1/me')
      .set('authorization', `Bearer ${session.body.accessToken}`)
      .expect(200);
    expect(me.body.memberships).toEqual([res.body.membership]);

    const reuse = await accept(created.token, {
      name: 'Someone Else',
      password: 'another long passphrase',
    }).expect(409);
    expect(reuse.body.code).toBe('invitation.already_used');

    const actions = await h
      .dataSource()
      .query("SELECT action FROM audit_events WHERE correlation_id = 'accept-hopper' ORDER BY at");
    expect(actions.map((a: { action: string }) => a.action)).toEqual([
      'user.created',
      'membership.added',
      'invitation.accepted',
    ]);
  });

  it('attaches the membership to an existing account when its password is given', async () => {
    const existing = await h.make.assessor(councilId);
    const otherCouncil = (await h.make.organisation('sponsor')).id;
    const { body: created } = await invite(pm, otherCouncil, existing.email, 'sponsor').expect(201);

    const wrong = await accept(created.token, { password: 'not their password at all' }).expect(
      400,
    );
    expect(wrong.body.code).toBe('invitation.not_accepted');
    const res = await accept(created.token, {
      name: 'Ignored',
      password: existing.password,
    }).expect(201);
    expect(res.body).toMatchObject({ userId: existing.id, accountCreated: false });
    const [user] = await h
      .dataSource()
      .query('SELECT name FROM users WHERE id = $1', [existing.id]);
    expect(user.name).toBe(existing.name);
    const roles = await h
      .dataSource()
      .query('SELECT organisation_id, role FROM memberships WHERE user_id = $1 ORDER BY role', [
        existing.id,
      ]);
    expect(roles).toEqual([
      { organisation_id: councilId, role: 'assessor' },
      { organisation_id: otherCouncil, role: 'sponsor' },
    ]);
  });

  it('needs a name to create an account', async () => {
    const { body: created } = await invite(
      sponsor,
      councilId,
      'nameless@example.org',
      'sponsor',
    ).expect(201);
    const res = await accept(created.token, { password: 'a long enough passphrase' }).expect(400);
    expect(res.body.code).toBe('invitation.not_accepted');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ field: 'name' }));
  });

  it('reports an over-long name and a short password at once', async () => {
    const { body: created } = await invite(
      sponsor,
      councilId,
      'hasty@example.org',
      'sponsor',
    ).expect(201);
    const res = await accept(created.token, { name: 'x'.repeat(201), password: 'short' }).expect(
      400,
    );
    expect(res.body.code).toBe('request.invalid');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['name', 'password']);
  });

  it('refuses an expired invitation with 422, one second after its 7 days', async () => {
    const { body: created } = await invite(
      sponsor,
      councilId,
      'late@example.org',
      'assessor',
    ).expect(201);
    h.clock.advance(7 * DAY + 1000);
    try {
      const res = await accept(created.token, {
        name: 'Late Comer',
        password: 'a long enough passphrase',
      }).expect(422);
      expect(res.body.code).toBe('invitation.expired');
      const users = await h
        .dataSource()
        .query("SELECT 1 FROM users WHERE email = 'late@example.org'");
      expect(users).toHaveLength(0);
    } finally {
      h.clock.advance(-(7 * DAY + 1000));
    }
  });

  it('accepts an invitation just before it expires', async () => {
    const { body: created } = await invite(
      sponsor,
      councilId,
      'early@example.org',
      'assessor',
    ).expect(201);
    h.clock.advance(7 * DAY - 1000);
    try {
      await accept(created.token, {
        name: 'Just In Time',
        password: 'a long enough passphrase',
      }).expect(201);
    } finally {
      h.clock.advance(-(7 * DAY - 1000));
    }
  });

  it('answers 404 for a token nobody issued', async () => {
    await accept('x'.repeat(43), { name: 'Nobody', password: 'a long enough passphrase' }).expect(
      404,
    );
  });

  it('lets only one of two simultaneous accepts win', async () => {
    const { body: created } = await invite(
      sponsor,
      councilId,
      'race@example.org',
      'assessor',
    ).expect(201);
    const body = { name: 'Racer', password: 'a long enough passphrase' };
    const results = await Promise.all([accept(created.token, body), accept(created.token, body)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const memberships = await h
      .dataSource()
      .query(
        "SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = 'race@example.org'",
      );
    expect(memberships).toHaveLength(1);
  });

  it('refuses a role that does not fit the organisation with 422', async () => {
    const startupId = (await h.make.organisation('startup')).id;
    await invite(pm, startupId, 'pm@example.org', 'programme_manager').expect(422);
    await invite(pm, startupId, 'sponsor@example.org', 'sponsor').expect(422);
    await invite(sponsor, councilId, 'pm@example.org', 'programme_manager').expect(422);
    await invite(pm, startupId, 'founder@example.org', 'startup_member').expect(201);
  });

  it('refuses to invite someone who already holds that role there', async () => {
    const member = await h.make.sponsor(councilId);
    await invite(pm, councilId, member.email, 'sponsor').expect(409);
    await invite(pm, councilId, member.email, 'assessor').expect(201);
  });

  it('revokes a pending invitation, audited with the reason; the token is then refused', async () => {
    const { body: created } = await invite(
      sponsor,
      councilId,
      'revoked@example.org',
      'assessor',
    ).expect(201);
    const res = await h
      .http()
      .post(`/api/v1/invitations/${created.id}/transitions`)
      .set('authorization', sponsor.bearer)
      .send({ to: 'revoked', reason: 'sent to the wrong person' })
      .expect(200);
    expect(res.body).toMatchObject({
      id: created.id,
      status: 'revoked',
      email: 'revoked@example.org',
    });
    expect(res.body).not.toHaveProperty('token');
    await accept(created.token, { name: 'Too Late', password: 'a long enough passphrase' }).expect(
      409,
    );
    const again = await h
      .http()
      .post(`/api/v1/invitations/${created.id}/transitions`)
      .set('authorization', sponsor.bearer)
      .send({ to: 'revoked' })
      .expect(409);
    expect(again.body.allowed).toEqual([]);
    const [event] = await h
      .dataSource()
      .query(
        "SELECT from_state, to_state, reason FROM audit_events WHERE entity_id = $1 AND action = 'invitation.revoked'",
        [created.id],
      );
    expect(event).toEqual({
      from_state: 'pending',
      to_state: 'revoked',
      reason: 'sent to the wrong person',
    });
  });

  it('lists an organisation’s invitations with their derived status, never the token', async () => {
    const org = (await h.make.organisation('sponsor')).id;
    const a = await invite(pm, org, 'a@example.org', 'sponsor').expect(201);
    await invite(pm, org, 'b@example.org', 'assessor').expect(201);
    await invite(pm, org, 'c@example.org', 'assessor').expect(201);
    await h
      .http()
      .post(`/api/v1/invitations/${a.body.id}/transitions`)
      .set('authorization', pm.bearer)
      .send({ to: 'revoked' })
      .expect(200);
    const page1 = await h
      .http()
      .get(`/api/v1/organisations/${org}/invitations?limit=2`)
      .set('authorization', pm.bearer)
      .expect(200);
    expect(page1.body.items.map((i: { email: string }) => i.email)).toEqual([
      'a@example.org',
      'b@example.org',
    ]);
    expect(page1.body.items[0].status).toBe('revoked');
    expect(JSON.stringify(page1.body)).not.toContain(a.body.token);
    const page2 = await h
      .http()
      .get(`/api/v1/organisations/${org}/invitations?limit=2&cursor=${page1.body.nextCursor}`)
      .set('authorization', pm.bearer)
      .expect(200);
    expect(page2.body).toEqual({
      items: [expect.objectContaining({ email: 'c@example.org', status: 'pending' })],
      nextCursor: null,
    });
    const pending = await h
      .http()
      .get(`/api/v1/organisations/${org}/invitations?status=pending`)
      .set('authorization', pm.bearer)
      .expect(200);
    expect(pending.body.items).toHaveLength(2);
  });
});
