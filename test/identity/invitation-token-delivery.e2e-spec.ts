import { Harness, TestUser } from '@catalyst/testing';

const inviteAs = (h: Harness, by: TestUser, organisationId: string, email: string) =>
  h
    .http()
    .post(`/api/v1/organisations/${organisationId}/invitations`)
    .set('authorization', by.bearer)
    .send({ email, role: 'sponsor' });

describe('invitation tokens go to the invitee once mail is configured', () => {
  const h = new Harness({
    env: {
      NODE_ENV: 'production',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      JWT_SECRET: 'a production-like secret of more than 32 characters',
    },
  });
  beforeAll(async () => {
    await h.setup();
    await h.startApi();
  });
  afterAll(() => h.teardown());

  it('leaves the token out of the inviter’s answer and says it was e-mailed', async () => {
    const pm = await h.make.programmeManager();
    const council = await h.make.organisation('sponsor');
    const res = await inviteAs(h, pm, council.id, 'invitee@council.example').expect(201);
    expect(res.body).toMatchObject({ tokenDelivery: 'email', id: expect.any(String) });
    expect(res.body).not.toHaveProperty('token');
  });
});

describe('invitation tokens without mail (development, test, or no SMTP_URL)', () => {
  const h = new Harness({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '1000' } });
  let pm: TestUser;
  let councilId: string;
  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    pm = await h.make.programmeManager();
    councilId = (await h.make.organisation('sponsor')).id;
  });
  afterAll(() => h.teardown());

  const accept = (token: string, body: Record<string, unknown>) =>
    h.http().post(`/api/v1/invitations/${token}/accept`).send(body);

  it('carries the token in the answer and says so', async () => {
    const res = await inviteAs(h, pm, councilId, 'someone@council.example').expect(201);
    expect(res.body).toMatchObject({
      tokenDelivery: 'response',
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      tokenDeliveryNote: expect.any(String),
    });
  });

  it('answers a wrong password for an existing account exactly like a missing name for a new one', async () => {
    const existing = await h.make.assessor(councilId);
    const forExisting = await inviteAs(h, pm, councilId, existing.email).expect(201);
    const forNew = await inviteAs(h, pm, councilId, 'nobody-yet@council.example').expect(201);

    const wrong = await accept(forExisting.body.token, { password: 'not their password at all' });
    const nameless = await accept(forNew.body.token, { password: 'not their password at all' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('invitation.not_accepted');
    expect({ status: wrong.status, body: wrong.body }).toEqual({
      status: nameless.status,
      body: nameless.body,
    });
  });

  it('applies the password rule to the account an invitation creates', async () => {
    const created = await inviteAs(h, pm, councilId, 'grace@council.example').expect(201);
    for (const [password, code] of [
      ['grace@council.example', 'password.personal'],
      ['passwordpassword', 'password.repetitive'],
      ['password1234', 'password.common'],
    ]) {
      const res = await accept(created.body.token, { name: 'Grace Hopper', password }).expect(400);
      expect(res.body).toMatchObject({
        code: 'password.rejected',
        errors: [{ field: 'password', code }],
      });
    }
    await accept(created.body.token, {
      name: 'Grace Hopper',
      password: 'a long enough passphrase',
    }).expect(201);
  });
});
