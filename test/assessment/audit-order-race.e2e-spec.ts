import {
  Harness,
  TestUser,
  assignPairs,
  panelOf,
  reviewChallenge,
  submittedApplication,
} from '@catalyst/testing';

/**
 * The audit trail's newest event per assessment tells its current state, even when a submit
 * and a conflict declaration (whose events are written as a batch) race. The declaration's
 * events used to carry its transaction's start time, so when it waited for the submit's lock
 * the newest event still said `submitted` of an assessment that was `conflicted`.
 */
describe('a submit racing a conflict declaration', () => {
  const h = new Harness();
  let pm: TestUser;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    pm = await h.make.programmeManager();
  });
  afterAll(() => h.teardown());

  it('leaves the newest audit event of each assessment matching its final state', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const { challenge } = await reviewChallenge(h);
      const { application, company } = await submittedApplication(h, challenge);
      const panel = await panelOf(h, pm, challenge.id, 4);
      const ids = await assignPairs(
        h,
        pm,
        challenge.id,
        panel.map((assessor) => ({ applicationId: application.id, assessor })),
      );
      for (const [i, assessor] of panel.entries()) {
        await h
          .http()
          .put(`/api/v1/assessments/${ids[i]}`)
          .set('authorization', assessor.bearer)
          .send({ scores: { impact: 5, feasibility: 10 } })
          .expect(200);
      }

      await Promise.all(
        panel.flatMap((assessor, i) => [
          h
            .http()
            .post(`/api/v1/assessments/${ids[i]}/transitions`)
            .set('authorization', assessor.bearer)
            .send({ to: 'submitted' }),
          h
            .http()
            .post(`/api/v1/challenges/${challenge.id}/conflicts`)
            .set('authorization', assessor.bearer)
            .send({ startupOrganisationId: company.id, reason: 'Former employer' }),
        ]),
      );

      for (const id of ids) {
        const [{ status }] = await h
          .dataSource()
          .query<{ status: string }[]>('SELECT status FROM assessments WHERE id = $1', [id]);
        expect(status).toBe('conflicted');
        const trail = await h
          .http()
          .get(`/api/v1/audit?entityType=assessment&entityId=${id}&limit=1`)
          .set('authorization', pm.bearer)
          .expect(200);
        expect(trail.body.items[0].to).toBe(status);
      }
    }
  });
});
