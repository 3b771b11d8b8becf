import {
  Harness,
  TestUser,
  addToPanel,
  panelOf,
  reviewChallenge,
  submittedApplication,
} from '@catalyst/testing';
import type { Challenge } from '@catalyst/rounds';

describe('panels and assignment', () => {
  const h = new Harness();
  let pm: TestUser;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    pm = await h.make.programmeManager();
  });
  afterAll(() => h.teardown());

  const api = () => h.http();
  const run = (challengeId: string, perApplication: number, who = pm) =>
    api()
      .post(`/api/v1/challenges/${challengeId}/assignments`)
      .set('authorization', who.bearer)
      .send({ perApplication });

  async function applications(challenge: Challenge, count: number) {
    const out = [];
    for (let i = 0; i < count; i++) out.push(await submittedApplication(h, challenge));
    return out;
  }

  async function loads(challengeId: string): Promise<Record<string, number>> {
    const rows: { assessor_user_id: string; n: number }[] = await h.dataSource().query(
      `SELECT assessor_user_id, COUNT(*)::int AS n FROM assessments
          WHERE challenge_id = $1 AND status <> 'conflicted' GROUP BY 1`,
      [challengeId],
    );
    return Object.fromEntries(rows.map((r) => [r.assessor_user_id, r.n]));
  }

  describe('the panel', () => {
    it('adds an assessor once, refusing duplicates and users without the assessor role', async () => {
      const { challenge } = await reviewChallenge(h);
      const assessor = await h.make.assessor();
      const added = await api()
        .post(`/api/v1/challenges/${challenge.id}/assessors`)
        .set('authorization', pm.bearer)
        .send({ userId: assessor.id })
        .expect(201);
      expect(added.body).toMatchObject({
        userId: assessor.id,
        email: assessor.email,
        challengeId: challenge.id,
        addedByUserId: pm.id,
      });
      await api()
        .post(`/api/v1/challenges/${challenge.id}/assessors`)
        .set('authorization', pm.bearer)
        .send({ userId: assessor.id })
        .expect(409);
      const startup = await h.make.startupMember();
      const refused = await api()
        .post(`/api/v1/challenges/${challenge.id}/assessors`)
        .set('authorization', pm.bearer)
        .send({ userId: startup.id })
        .expect(422);
      expect(refused.body.code).toBe('panel.not_an_assessor');

      const list = await api()
        .get(`/api/v1/challenges/${challenge.id}/assessors`)
        .set('authorization', pm.bearer)
        .expect(200);
      expect(list.body.items.map((m: { userId: string }) => m.userId)).toEqual([assessor.id]);
      expect(list.body.nextCursor).toBeNull();

      const audit: { action: string }[] = await h
        .dataSource()
        .query(`SELECT action FROM audit_events WHERE entity_id = $1`, [challenge.id]);
      expect(audit.map((a) => a.action)).toEqual(['challenge.assessor_added']);
    });

    it('lets only programme managers form panels, and the sponsor read them', async () => {
      const { challenge, sponsor } = await reviewChallenge(h);
      const assessor = await h.make.assessor();
      await api()
        .post(`/api/v1/challenges/${challenge.id}/assessors`)
        .set('authorization', sponsor.bearer)
        .send({ userId: assessor.id })
        .expect(403);
      await addToPanel(h, pm, challenge.id, assessor);
      await api()
        .get(`/api/v1/challenges/${challenge.id}/assessors`)
        .set('authorization', sponsor.bearer)
        .expect(200);
      await api()
        .get(`/api/v1/challenges/${challenge.id}/assessors`)
        .set('authorization', assessor.bearer)
        .expect(403);
      const startup = await h.make.startupMember();
      await api()
        .get(`/api/v1/challenges/${challenge.id}/assessors`)
        .set('authorization', startup.bearer)
        .expect(404);
    });

    it('removes a member with their open work, but not one who has submitted', async () => {
      const { challenge } = await reviewChallenge(h);
      await applications(challenge, 2);
      const [a, b] = await panelOf(h, pm, challenge.id, 2);
      await run(challenge.id, 2).expect(201);

      const mine = await api()
        .get(`/api/v1/assessments?mine=true`)
        .set('authorization', a.bearer)
        .expect(200);
      const first = mine.body.items[0].id as string;
      await api()
        .put(`/api/v1/assessments/${first}`)
        .set('authorization', a.bearer)
        .send({ scores: { impact: 3, feasibility: 6 } })
        .expect(200);
      await api()
        .post(`/api/v1/assessments/${first}/transitions`)
        .set('authorization', a.bearer)
        .send({ to: 'submitted' })
        .expect(200);

      await api()
        .delete(`/api/v1/challenges/${challenge.id}/assessors/${a.id}`)
        .set('authorization', pm.bearer)
        .expect(409);
      const removed = await api()
        .delete(`/api/v1/challenges/${challenge.id}/assessors/${b.id}`)
        .set('authorization', pm.bearer)
        .expect(200);
      expect(removed.body.removedAssessmentIds).toHaveLength(2);
      expect(await loads(challenge.id)).toEqual({ [a.id]: 2 });
      await api()
        .delete(`/api/v1/challenges/${challenge.id}/assessors/${b.id}`)
        .set('authorization', pm.bearer)
        .expect(404);
    });
  });

  describe('automatic assignment', () => {
    it('gives each application distinct assessors with loads within one', async () => {
      const { challenge } = await reviewChallenge(h);
      const apps = await applications(challenge, 10);
      await submittedApplication(h, challenge, { status: 'withdrawn' });
      await submittedApplication(h, challenge, { status: 'draft' });
      await submittedApplication(h, challenge, { status: 'ineligible' });
      const panel = await panelOf(h, pm, challenge.id, 4);

      const res = await run(challenge.id, 3).expect(201);
      expect(res.body.items).toHaveLength(30);
      expect(res.body.shortfalls).toEqual([]);
      for (const { application } of apps) {
        const assessors = res.body.items
          .filter((i: { applicationId: string }) => i.applicationId === application.id)
          .map((i: { assessorUserId: string }) => i.assessorUserId);
        expect(new Set(assessors).size).toBe(3);
      }
      const perAssessor = Object.values(await loads(challenge.id)).sort();
      expect(perAssessor).toEqual([7, 7, 8, 8]);
      expect(Object.keys(res.body.loads).sort()).toEqual(panel.map((p) => p.id).sort());

      // Re-running adds nothing; a new application is topped up alone.
      const again = await run(challenge.id, 3).expect(201);
      expect(again.body.items).toEqual([]);
      const late = await submittedApplication(h, challenge);
      const topUp = await run(challenge.id, 3).expect(201);
      expect(topUp.body.items.map((i: { applicationId: string }) => i.applicationId)).toEqual([
        late.application.id,
        late.application.id,
        late.application.id,
      ]);
      const after = Object.values(await loads(challenge.id));
      expect(Math.max(...after) - Math.min(...after)).toBeLessThanOrEqual(1);

      const audited: { n: number }[] = await h.dataSource().query(
        `SELECT COUNT(*)::int AS n FROM audit_events WHERE action = 'assessment.assigned'
              AND data->>'challengeId' = $1`,
        [challenge.id],
      );
      expect(audited[0].n).toBe(33);
    });

    it('skips declared conflicts and reports applications it cannot fill', async () => {
      const { challenge } = await reviewChallenge(h);
      const [acme, globex] = await applications(challenge, 2);
      const panel = await panelOf(h, pm, challenge.id, 3);
      // Two of the three panel members are conflicted with Acme.
      for (const assessor of panel.slice(0, 2)) {
        const declared = await api()
          .post(`/api/v1/challenges/${challenge.id}/conflicts`)
          .set('authorization', assessor.bearer)
          .send({ startupOrganisationId: acme.company.id, reason: 'Former employer' })
          .expect(201);
        expect(declared.body).toMatchObject({
          assessorUserId: assessor.id,
          startupOrganisationId: acme.company.id,
          conflictedAssessmentIds: [],
        });
      }
      await api()
        .post(`/api/v1/challenges/${challenge.id}/conflicts`)
        .set('authorization', panel[0].bearer)
        .send({ startupOrganisationId: acme.company.id, reason: 'Again' })
        .expect(409);

      const res = await run(challenge.id, 2).expect(201);
      const toAcme = res.body.items.filter(
        (i: { applicationId: string }) => i.applicationId === acme.application.id,
      );
      expect(toAcme.map((i: { assessorUserId: string }) => i.assessorUserId)).toEqual([
        panel[2].id,
      ]);
      expect(res.body.shortfalls).toEqual([
        { applicationId: acme.application.id, assessors: 1, missing: 1 },
      ]);
      expect(
        res.body.items.filter(
          (i: { applicationId: string }) => i.applicationId === globex.application.id,
        ),
      ).toHaveLength(2);
    });

    it('replaces an assessor who declares a conflict on an assignment, never re-pairing them', async () => {
      const { challenge } = await reviewChallenge(h);
      const [one] = await applications(challenge, 1);
      const panel = await panelOf(h, pm, challenge.id, 3);
      const first = await run(challenge.id, 2).expect(201);
      const assignment = first.body.items[0] as { id: string; assessorUserId: string };
      const assessor = panel.find((p) => p.id === assignment.assessorUserId) as TestUser;

      await api()
        .post(`/api/v1/assessments/${assignment.id}/transitions`)
        .set('authorization', assessor.bearer)
        .send({ to: 'conflicted', reason: 'My brother founded it' })
        .expect(200);
      const declarations: { reason: string; application_id: string }[] = await h.dataSource().query(
        `SELECT reason, application_id FROM conflict_declarations
            WHERE assessor_user_id = $1 AND startup_organisation_id = $2`,
        [assessor.id, one.company.id],
      );
      expect(declarations).toEqual([
        { reason: 'My brother founded it', application_id: one.application.id },
      ]);

      const topUp = await run(challenge.id, 2).expect(201);
      expect(topUp.body.items).toHaveLength(1);
      expect(topUp.body.items[0].assessorUserId).not.toBe(assessor.id);
      expect(topUp.body.shortfalls).toEqual([]);
    });

    it('refuses a panel smaller than perApplication, and non-managers', async () => {
      const { challenge, sponsor } = await reviewChallenge(h);
      await applications(challenge, 1);
      await run(challenge.id, 2).expect(422);
      await panelOf(h, pm, challenge.id, 1);
      const res = await run(challenge.id, 2).expect(422);
      expect(res.body.code).toBe('assignment.panel_too_small');
      await run(challenge.id, 1, sponsor).expect(403);
      await run(challenge.id, 0).expect(400);
    });
  });

  describe('manual edits', () => {
    it('adds and removes pairs all or nothing, keeping submitted and conflicted ones', async () => {
      const { challenge } = await reviewChallenge(h);
      const [x, y] = await applications(challenge, 2);
      const [a, b] = await panelOf(h, pm, challenge.id, 2);
      const outsider = await h.make.assessor();
      const bulk = (body: object) =>
        api()
          .post(`/api/v1/challenges/${challenge.id}/assignments/bulk`)
          .set('authorization', pm.bearer)
          .send(body);

      const added = await bulk({
        add: [
          { applicationId: x.application.id, assessorUserId: a.id },
          { applicationId: y.application.id, assessorUserId: a.id },
        ],
      }).expect(200);
      expect(added.body.added).toHaveLength(2);

      // Not on the panel: 422, and the valid pair in the same request is not added either.
      const refused = await bulk({
        add: [
          { applicationId: x.application.id, assessorUserId: b.id },
          { applicationId: y.application.id, assessorUserId: outsider.id },
        ],
      }).expect(422);
      expect(refused.body.errors).toEqual([
        { field: 'add[1].assessorUserId', message: 'is not on this panel' },
      ]);
      await bulk({ add: [{ applicationId: x.application.id, assessorUserId: a.id }] }).expect(409);
      await bulk({
        add: [
          { applicationId: x.application.id, assessorUserId: b.id },
          { applicationId: x.application.id, assessorUserId: b.id },
        ],
      }).expect(400);

      // A declared conflict blocks a manual pairing too.
      await api()
        .post(`/api/v1/challenges/${challenge.id}/conflicts`)
        .set('authorization', pm.bearer)
        .send({ assessorUserId: b.id, applicationId: y.application.id, reason: 'Shareholder' })
        .expect(201);
      const conflicted = await bulk({
        add: [{ applicationId: y.application.id, assessorUserId: b.id }],
      }).expect(422);
      expect(conflicted.body.errors[0].message).toMatch(/conflict of interest/);

      // Submit one of a's, then try to remove both.
      const submittedId = added.body.added[0].id as string;
      await api()
        .put(`/api/v1/assessments/${submittedId}`)
        .set('authorization', a.bearer)
        .send({ scores: { impact: 5, feasibility: 10 } })
        .expect(200);
      await api()
        .post(`/api/v1/assessments/${submittedId}/transitions`)
        .set('authorization', a.bearer)
        .send({ to: 'submitted' })
        .expect(200);
      const pairs = added.body.added.map((p: { applicationId: string }) => ({
        applicationId: p.applicationId,
        assessorUserId: a.id,
      }));
      await bulk({ remove: pairs }).expect(409);
      const removed = await bulk({ remove: [pairs[1]] }).expect(200);
      expect(removed.body.removed).toEqual([pairs[1]]);
      expect(await loads(challenge.id)).toEqual({ [a.id]: 1 });
    });
  });

  describe('review progress', () => {
    it('counts submitted of assigned per application and per assessor', async () => {
      const { challenge, sponsor } = await reviewChallenge(h);
      const [x, y] = await applications(challenge, 2);
      const [a, b] = await panelOf(h, pm, challenge.id, 2);
      const idle = (await panelOf(h, pm, challenge.id, 1))[0];
      const bulk = await api()
        .post(`/api/v1/challenges/${challenge.id}/assignments/bulk`)
        .set('authorization', pm.bearer)
        .send({
          add: [
            { applicationId: x.application.id, assessorUserId: a.id },
            { applicationId: x.application.id, assessorUserId: b.id },
            { applicationId: y.application.id, assessorUserId: a.id },
          ],
        })
        .expect(200);
      const ax = bulk.body.added[0].id as string;
      await api()
        .put(`/api/v1/assessments/${ax}`)
        .set('authorization', a.bearer)
        .send({ scores: { impact: 1, feasibility: 1 } })
        .expect(200);
      await api()
        .post(`/api/v1/assessments/${ax}/transitions`)
        .set('authorization', a.bearer)
        .send({ to: 'submitted' })
        .expect(200);
      await api()
        .post(`/api/v1/assessments/${bulk.body.added[1].id}/transitions`)
        .set('authorization', b.bearer)
        .send({ to: 'conflicted', reason: 'Adviser to the company' })
        .expect(200);

      const res = await api()
        .get(`/api/v1/challenges/${challenge.id}/review-progress`)
        .set('authorization', sponsor.bearer)
        .expect(200);
      expect(res.body.totals).toEqual({ assigned: 2, submitted: 1, conflicted: 1 });
      const byApp = Object.fromEntries(
        res.body.applications.map((r: { applicationId: string }) => [r.applicationId, r]),
      );
      expect(byApp[x.application.id]).toMatchObject({ assigned: 1, submitted: 1, conflicted: 1 });
      expect(byApp[y.application.id]).toMatchObject({ assigned: 1, submitted: 0, conflicted: 0 });
      const byAssessor = Object.fromEntries(
        res.body.assessors.map((r: { userId: string }) => [r.userId, r]),
      );
      expect(byAssessor[a.id]).toMatchObject({ assigned: 2, submitted: 1, onPanel: true });
      expect(byAssessor[b.id]).toMatchObject({ assigned: 0, submitted: 0, conflicted: 1 });
      expect(byAssessor[idle.id]).toMatchObject({ assigned: 0, submitted: 0, conflicted: 0 });

      await api()
        .get(`/api/v1/challenges/${challenge.id}/review-progress`)
        .set('authorization', a.bearer)
        .expect(403);
    });
  });
});
