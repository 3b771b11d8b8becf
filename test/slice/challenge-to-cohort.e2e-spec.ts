import { Harness, TestUser } from '@catalyst/testing';

/**
 * The first vertical slice end to end, through HTTP only: a sponsor's challenge is approved
 * and published, a company registers and applies before the deadline, an assessor scores it,
 * the programme manager decides with reasons, and the company ends up in the round's cohort.
 */
describe('from a sponsor’s challenge to a formed cohort', () => {
  const h = new Harness({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '1000' } });
  const as = (user: { bearer: string }) => ({ authorization: user.bearer });
  let pm: TestUser;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    h.clock.set('2027-03-01T09:00:00Z');
    pm = await h.make.programmeManager();
  });
  afterAll(() => h.teardown());

  async function signIn(email: string, password: string): Promise<{ bearer: string }> {
    const res = await h.http().post('/api/v1/auth/login').send({ email, password }).expect(200);
    return { bearer: `Bearer ${res.body.accessToken}` };
  }

  async function invite(orgId: string, email: string, role: string, name: string) {
    const invitation = await h
      .http()
      .post(`/api/v1/organisations/${orgId}/invitations`)
      .set(as(pm))
      .send({ email, role })
      .expect(201);
    const password = `${name} has a long passphrase`;
    await h
      .http()
      .post(`/api/v1/invitations/${invitation.body.token}/accept`)
      .send({ name, password })
      .expect(201);
    return signIn(email, password);
  }

  it('runs the whole selection and leaves an audit trail of every decision', async () => {
    const council = await h
      .http()
      .post('/api/v1/organisations')
      .set(as(pm))
      .send({ name: 'Glasgow City Council', kind: 'sponsor' })
      .expect(201);
    const sponsor = await invite(council.body.id, 'sam@glasgow.example', 'sponsor', 'Sam');
    const assessor = await invite(pm.organisationId, 'ada@experts.example', 'assessor', 'Ada');
    const assessorId = (await h.http().get('/api/v1/me').set(as(assessor)).expect(200)).body.id;

    const round = await h
      .http()
      .post('/api/v1/rounds')
      .set(as(pm))
      .send({
        name: 'Round 12',
        opensAt: '2027-03-01T08:00:00Z',
        closesAt: '2027-04-01T11:00:00Z',
        acceleratorStartsOn: '2027-05-03',
        acceleratorEndsOn: '2027-08-20',
      })
      .expect(201);
    await h
      .http()
      .post(`/api/v1/rounds/${round.body.id}/transitions`)
      .set(as(pm))
      .send({ to: 'open' })
      .expect(200);

    const challenge = await h
      .http()
      .post(`/api/v1/rounds/${round.body.id}/challenges`)
      .set(as(sponsor))
      .send({
        sponsorOrganisationId: council.body.id,
        title: 'Predict surface-water flooding',
        summary: 'Early warning for flooding in residential streets',
        problemStatement: 'Floods reach homes with little warning.',
        tags: ['climate'],
        budget: { accelerator: { amountMinor: 6_500_000, currency: 'GBP' } },
        questions: [
          {
            key: 'approach',
            label: 'Your approach',
            type: 'text',
            required: true,
            maxLength: 2000,
          },
        ],
        rubric: [
          { key: 'impact', label: 'Impact', weight: 2, maxScore: 10 },
          { key: 'feasibility', label: 'Feasibility', weight: 1, maxScore: 5 },
        ],
      })
      .expect(201);
    const challengeId = challenge.body.id as string;
    const move = (path: string, who: { bearer: string }, body: object) =>
      h.http().post(`/api/v1/${path}/transitions`).set(as(who)).send(body);
    await move(`challenges/${challengeId}`, sponsor, { to: 'submitted' }).expect(200);
    await move(`challenges/${challengeId}`, pm, { to: 'approved' }).expect(200);
    await move(`challenges/${challengeId}`, pm, { to: 'published' }).expect(200);

    const portal = await h.http().get('/api/v1/public/challenges').expect(200);
    expect(portal.body.items.map((c: { id: string }) => c.id)).toEqual([challengeId]);

    await h
      .http()
      .post('/api/v1/auth/register')
      .send({
        email: 'fay@floodtech.example',
        password: 'startup passphrase 1',
        name: 'Fay',
        organisationName: 'FloodTech Ltd',
      })
      .expect(201);
    const startup = await signIn('fay@floodtech.example', 'startup passphrase 1');
    const application = await h
      .http()
      .post(`/api/v1/challenges/${challengeId}/applications`)
      .set(as(startup))
      .send({ answers: { approach: 'Street sensors and a hydrological model.' } })
      .expect(201);
    const applicationId = application.body.id as string;
    await move(`applications/${applicationId}`, startup, { to: 'submitted' }).expect(200);

    // The call closes; a late submission from another company is refused by the clock.
    h.clock.set('2027-04-01T11:00:00Z');
    const late = await h.make.startupMember();
    await h
      .http()
      .post(`/api/v1/challenges/${challengeId}/applications`)
      .set(as(late))
      .send({ answers: { approach: 'Too late' } })
      .expect(422);
    await move(`rounds/${round.body.id}`, pm, { to: 'assessment' }).expect(200);

    await h
      .http()
      .post(`/api/v1/challenges/${challengeId}/assessors`)
      .set(as(pm))
      .send({ userId: assessorId })
      .expect(201);
    await h
      .http()
      .post(`/api/v1/challenges/${challengeId}/assignments`)
      .set(as(pm))
      .send({ perApplication: 1 })
      .expect(201);
    const mine = await h.http().get('/api/v1/assessments?mine=true').set(as(assessor)).expect(200);
    expect(mine.body.items).toHaveLength(1);
    const assessmentId = mine.body.items[0].id as string;
    await h
      .http()
      .put(`/api/v1/assessments/${assessmentId}`)
      .set(as(assessor))
      .send({ scores: { impact: 8, feasibility: 4 }, comment: 'Strong local evidence' })
      .expect(200);
    await move(`assessments/${assessmentId}`, assessor, { to: 'submitted' }).expect(200);

    // (2 × 8/10 + 1 × 4/5) / 3 × 100 = 80
    const ranking = await h
      .http()
      .get(`/api/v1/challenges/${challengeId}/ranking`)
      .set(as(pm))
      .expect(200);
    expect(ranking.body.items).toEqual([
      expect.objectContaining({
        applicationId,
        rank: 1,
        weightedScore: 80,
        assessmentsSubmitted: 1,
      }),
    ]);

    await move(`applications/${applicationId}`, pm, {
      to: 'shortlisted',
      reason: 'Ranked first',
    }).expect(200);
    await move(`rounds/${round.body.id}`, pm, { to: 'exploration' }).expect(200);
    await move(`applications/${applicationId}`, pm, {
      to: 'exploration',
      reason: 'Paid exploration',
    }).expect(200);
    await move(`applications/${applicationId}`, pm, {
      to: 'selected',
      reason: 'Best pitch',
    }).expect(200);

    const cohort = await h
      .http()
      .get(`/api/v1/rounds/${round.body.id}/cohort`)
      .set(as(sponsor))
      .expect(200);
    expect(cohort.body.items).toEqual([
      expect.objectContaining({
        applicationId,
        challengeId,
        sponsorOrganisationId: council.body.id,
        startupName: 'FloodTech Ltd',
      }),
    ]);

    const audit = await h
      .http()
      .get(`/api/v1/audit?entityType=application&entityId=${applicationId}`)
      .set(as(pm))
      .expect(200);
    expect(
      audit.body.items.map((e: { from: string | null; to: string; reason: string | null }) => [
        e.from,
        e.to,
        e.reason,
      ]),
    ).toEqual([
      ['exploration', 'selected', 'Best pitch'],
      ['shortlisted', 'exploration', 'Paid exploration'],
      ['submitted', 'shortlisted', 'Ranked first'],
      ['draft', 'submitted', null],
      [null, 'draft', null],
    ]);
  });
});
