import {
  Harness,
  TestUser,
  addToPanel,
  assignPairs,
  panelOf,
  reviewChallenge,
  submittedApplication,
} from '@catalyst/testing';

/**
 * Conflicts of interest beyond scoring: a conflicted panel member takes no part in moderating
 * that company's application, a company's own member is never given its application, and a
 * declaration racing an assignment run cannot leave the pair assigned.
 */
describe('conflicts of interest hold everywhere on the panel', () => {
  const h = new Harness();
  let pm: TestUser;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    pm = await h.make.programmeManager();
  });
  afterAll(() => h.teardown());

  const declare = (who: TestUser, challengeId: string, body: object) =>
    h
      .http()
      .post(`/api/v1/challenges/${challengeId}/conflicts`)
      .set('authorization', who.bearer)
      .send(body);
  const run = (challengeId: string, perApplication: number) =>
    h
      .http()
      .post(`/api/v1/challenges/${challengeId}/assignments`)
      .set('authorization', pm.bearer)
      .send({ perApplication });

  /** Counting assessments whose assessor is conflicted with the application's company. */
  async function conflictedButCounting(challengeId: string): Promise<number> {
    const rows: { n: number }[] = await h.dataSource().query(
      `SELECT COUNT(*)::int AS n
         FROM assessments a
         JOIN applications ap ON ap.id = a.application_id
        WHERE a.challenge_id = $1 AND a.status <> 'conflicted'
          AND (EXISTS (SELECT 1 FROM conflict_declarations d
                        WHERE d.assessor_user_id = a.assessor_user_id
                          AND d.startup_organisation_id = ap.startup_organisation_id)
               OR EXISTS (SELECT 1 FROM memberships m
                           WHERE m.user_id = a.assessor_user_id
                             AND m.organisation_id = ap.startup_organisation_id))`,
      [challengeId],
    );
    return rows[0].n;
  }

  describe('moderation notes', () => {
    it('are closed to a panel member conflicted with the company, and open to the rest', async () => {
      const { challenge } = await reviewChallenge(h);
      const { application, company } = await submittedApplication(h, challenge);
      const [conflicted, other] = await panelOf(h, pm, challenge.id, 2);
      await declare(conflicted, challenge.id, {
        startupOrganisationId: company.id,
        reason: 'I advise this company',
      }).expect(201);
      const notes = `/api/v1/applications/${application.id}/moderation-notes`;

      await h
        .http()
        .post(notes)
        .set('authorization', other.bearer)
        .send({ body: 'Scores differ widely' })
        .expect(201);
      const read = await h.http().get(notes).set('authorization', conflicted.bearer);
      expect(read.status).toBe(403);
      expect(read.headers['content-type']).toMatch(/application\/problem\+json/);
      await h
        .http()
        .post(notes)
        .set('authorization', conflicted.bearer)
        .send({ body: 'They are great, trust me' })
        .expect(403);
      const thread = await h.http().get(notes).set('authorization', pm.bearer).expect(200);
      expect(thread.body.items.map((n: { body: string }) => n.body)).toEqual([
        'Scores differ widely',
      ]);
    });
  });

  describe("a company's own members", () => {
    it('are never assigned its application by a run, and a bulk add naming them is refused', async () => {
      const { challenge } = await reviewChallenge(h);
      const { application, company } = await submittedApplication(h, challenge);
      const panel = await panelOf(h, pm, challenge.id, 2);
      // An independent expert on the panel who has since joined the applying company.
      const insider = await h.make.assessor();
      await addToPanel(h, pm, challenge.id, insider);
      await h.make.addMembership(insider.id, company.id, 'startup_member');

      const res = await run(challenge.id, 3).expect(201);
      expect(
        res.body.items.map((a: { assessorUserId: string }) => a.assessorUserId).sort(),
      ).toEqual(panel.map((a) => a.id).sort());
      expect(res.body.shortfalls).toEqual([
        { applicationId: application.id, assessors: 2, missing: 1 },
      ]);
      expect(await conflictedButCounting(challenge.id)).toBe(0);

      const bulk = await h
        .http()
        .post(`/api/v1/challenges/${challenge.id}/assignments/bulk`)
        .set('authorization', pm.bearer)
        .send({ add: [{ applicationId: application.id, assessorUserId: insider.id }] });
      expect(bulk.status).toBe(422);
      expect(bulk.body.errors).toEqual([
        { field: 'add[0]', message: expect.stringMatching(/member of this company/) },
      ]);
      expect(await conflictedButCounting(challenge.id)).toBe(0);
    });

    it('cannot score an application of their company assigned before they joined it', async () => {
      const { challenge } = await reviewChallenge(h);
      const { application, company } = await submittedApplication(h, challenge);
      const [assessor] = await panelOf(h, pm, challenge.id, 1);
      const [assessmentId] = await assignPairs(h, pm, challenge.id, [
        { applicationId: application.id, assessor },
      ]);
      await h.make.addMembership(assessor.id, company.id, 'startup_member');
      await h
        .http()
        .put(`/api/v1/assessments/${assessmentId}`)
        .set('authorization', assessor.bearer)
        .send({ scores: { impact: 5, feasibility: 10 } })
        .expect(200);
      const submit = await h
        .http()
        .post(`/api/v1/assessments/${assessmentId}/transitions`)
        .set('authorization', assessor.bearer)
        .send({ to: 'submitted' });
      expect(submit.status).toBe(422);
      expect(submit.body.code).toBe('assessment.conflict_of_interest');
    });
  });

  describe('a declaration racing an assignment run', () => {
    it('never leaves the declared pair assigned', async () => {
      for (let attempt = 0; attempt < 6; attempt++) {
        const { challenge } = await reviewChallenge(h);
        const apps: { company: { id: string } }[] = [];
        for (let i = 0; i < 6; i++) apps.push(await submittedApplication(h, challenge));
        const panel = await panelOf(h, pm, challenge.id, 3);
        const [runRes, ...declared] = await Promise.all([
          run(challenge.id, 3),
          ...panel.map((assessor, i) =>
            declare(assessor, challenge.id, {
              startupOrganisationId: apps[i].company.id,
              reason: 'Former employer',
            }),
          ),
        ]);
        expect(runRes.status).toBe(201);
        expect(declared.map((r) => r.status)).toEqual([201, 201, 201]);
        expect(await conflictedButCounting(challenge.id)).toBe(0);
      }
    });
  });
});
