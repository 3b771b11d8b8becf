import {
  Harness,
  TestUser,
  addToPanel,
  assignPairs,
  panelOf,
  reviewChallenge,
  scoreAndSubmit,
  submittedApplication,
} from '@catalyst/testing';

/**
 * The defects of a challenged award: a conflict declaration that named a blind applicant, a
 * competitor judging a rival, a redaction that let identifiers through, and a ranking that
 * showed only application ids.
 */
describe('fairness of assessment', () => {
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
  const conflictsOf = (who: TestUser, challengeId: string) =>
    h.http().get(`/api/v1/challenges/${challengeId}/conflicts`).set('authorization', who.bearer);
  const assessment = (who: TestUser, id: string) =>
    h.http().get(`/api/v1/assessments/${id}`).set('authorization', who.bearer);
  const ranking = (who: TestUser, challengeId: string) =>
    h.http().get(`/api/v1/challenges/${challengeId}/ranking`).set('authorization', who.bearer);

  describe('a conflict declared on a blind application', () => {
    /** One company applying to a blind and to an identified challenge, one assessor on both. */
    async function twoChallenges() {
      const blind = (await reviewChallenge(h, { blindReview: true })).challenge;
      const open = (await reviewChallenge(h, { blindReview: false })).challenge;
      const { application: blindApp, company } = await submittedApplication(h, blind);
      const { application: openApp } = await submittedApplication(h, open, { company });
      const assessor = await h.make.assessor();
      await addToPanel(h, pm, blind.id, assessor);
      await addToPanel(h, pm, open.id, assessor);
      const [blindAssessment] = await assignPairs(h, pm, blind.id, [
        { applicationId: blindApp.id, assessor },
      ]);
      const [openAssessment] = await assignPairs(h, pm, open.id, [
        { applicationId: openApp.id, assessor },
      ]);
      return { blind, open, blindApp, openApp, company, assessor, blindAssessment, openAssessment };
    }

    it('links nothing the assessor can reach to the company', async () => {
      const s = await twoChallenges();
      const declared = await declare(s.assessor, s.blind.id, {
        applicationId: s.blindApp.id,
        reason: 'I think I know this team',
      }).expect(201);
      expect(JSON.stringify(declared.body)).not.toContain(s.company.id);
      // Only the blind assessment moves: the identified one turning conflicted too would name it.
      expect(declared.body.conflictedAssessmentIds).toEqual([s.blindAssessment]);
      expect((await assessment(s.assessor, s.openAssessment).expect(200)).body.status).toBe(
        'assigned',
      );

      // Listed under the identified challenge, the blind declaration still hides the company.
      const listed = await conflictsOf(s.assessor, s.open.id).expect(200);
      expect(listed.body.items).toHaveLength(1);
      expect(listed.body.items[0]).toMatchObject({ applicationId: s.blindApp.id });
      expect(JSON.stringify(listed.body)).not.toContain(s.company.id);

      // Declaring with the company where it is known is not answered "already on record".
      const byCompany = await declare(s.assessor, s.open.id, {
        startupOrganisationId: s.company.id,
        reason: 'I advised them',
      }).expect(201);
      expect(byCompany.body.conflictedAssessmentIds).toEqual([s.openAssessment]);
      // …and that declaration never reaches the blind assessment nor the blind list.
      expect(JSON.stringify((await conflictsOf(s.assessor, s.blind.id)).body)).not.toContain(
        s.company.id,
      );

      // A company id is no way to probe a blind round either.
      const probe = await declare(s.assessor, s.blind.id, {
        startupOrganisationId: s.company.id,
        reason: 'probing',
      }).expect(422);
      expect(probe.body.code).toBe('conflict.blind_needs_application');
      const again = await declare(s.assessor, s.blind.id, {
        applicationId: s.blindApp.id,
        reason: 'again',
      }).expect(409);
      expect(again.body.code).toBe('conflict.already_declared');
      expect(JSON.stringify(again.body)).not.toContain(s.company.id);
    });

    it('still keeps the assessor’s scores of that company out of every ranking', async () => {
      const s = await twoChallenges();
      await declare(s.assessor, s.blind.id, {
        applicationId: s.blindApp.id,
        reason: 'I think I know this team',
      }).expect(201);
      // Submitting elsewhere is not refused (a refusal would name the blind applicant)…
      await scoreAndSubmit(h, s.assessor, s.openAssessment, { impact: 0, feasibility: 0 });
      // …but the score does not count.
      const items = (await ranking(pm, s.open.id).expect(200)).body.items as {
        applicationId: string;
        assessmentsSubmitted: number;
      }[];
      expect(items.find((i) => i.applicationId === s.openApp.id)?.assessmentsSubmitted).toBe(0);
    });
  });

  describe('a member of a company that applied to the challenge', () => {
    it('is refused a seat on its panel with a code', async () => {
      const { challenge } = await reviewChallenge(h);
      const { company } = await submittedApplication(h, challenge);
      const rival = await h.make.assessor();
      await h.make.addMembership(rival.id, company.id, 'startup_member');
      const res = await h
        .http()
        .post(`/api/v1/challenges/${challenge.id}/assessors`)
        .set('authorization', pm.bearer)
        .send({ userId: rival.id })
        .expect(422);
      expect(res.body.code).toBe('panel.competitor');
    });

    it('never judges a rival: not counted, not assigned, and their assessments conflicted', async () => {
      const { challenge } = await reviewChallenge(h);
      const { application: target } = await submittedApplication(h, challenge);
      const { application: other } = await submittedApplication(h, challenge);
      const [judge, honest] = await panelOf(h, pm, challenge.id, 2);
      const [judged] = await assignPairs(h, pm, challenge.id, [
        { applicationId: target.id, assessor: judge },
        { applicationId: target.id, assessor: honest },
      ]);
      await scoreAndSubmit(h, judge, judged, { impact: 0, feasibility: 0 });
      // The judge's own company applies to the same challenge after they scored.
      const theirs = await h.make.organisation('startup');
      await h.make.addMembership(judge.id, theirs.id, 'startup_member');
      await submittedApplication(h, challenge, { company: theirs });

      // Their 0 no longer counts.
      const items = (await ranking(pm, challenge.id).expect(200)).body.items as {
        applicationId: string;
        assessmentsSubmitted: number;
      }[];
      expect(items.find((i) => i.applicationId === target.id)?.assessmentsSubmitted).toBe(0);

      // A hand assignment to any application of the challenge is refused, with a code.
      const bulk = await h
        .http()
        .post(`/api/v1/challenges/${challenge.id}/assignments/bulk`)
        .set('authorization', pm.bearer)
        .send({ add: [{ applicationId: other.id, assessorUserId: judge.id }] })
        .expect(422);
      expect(bulk.body.code).toBe('assignment.competitor');
      expect(bulk.body.errors).toEqual([
        { field: 'add[0]', message: expect.stringMatching(/competitor/) },
      ]);

      // A run gives them nothing and moves their assessment to conflicted, audited.
      const run = await h
        .http()
        .post(`/api/v1/challenges/${challenge.id}/assignments`)
        .set('authorization', pm.bearer)
        .send({ perApplication: 1 })
        .expect(201);
      expect(
        run.body.items.filter((a: { assessorUserId: string }) => a.assessorUserId === judge.id),
      ).toEqual([]);
      expect((await assessment(pm, judged).expect(200)).body.status).toBe('conflicted');
      const audit: { action: string; to_state: string; reason: string }[] = await h
        .dataSource()
        .query(`SELECT action, to_state, reason FROM audit_events WHERE entity_id = $1`, [judged]);
      expect(audit).toContainEqual({
        action: 'assessment.conflicted',
        to_state: 'conflicted',
        reason: expect.stringMatching(/applied to this challenge/),
      });
    });
  });

  describe('the blind copy', () => {
    async function blindApplication() {
      const { challenge, sponsor } = await reviewChallenge(h, { blindReview: true });
      const founder = await h.make.startupMember();
      const { application, company } = await submittedApplication(h, challenge, {
        companyName: 'Tidewater Sensing',
        website: 'https://tidewater.example',
        answers: {
          approach:
            'Tidewater-Sensing fits gauges; ask our lead engineer about the Loch Ness trial.',
          teamSize: 3,
        },
      });
      await h.make.addMembership(founder.id, company.id, 'startup_member');
      const [assessor] = await panelOf(h, pm, challenge.id, 1);
      const [assessmentId] = await assignPairs(h, pm, challenge.id, [
        { applicationId: application.id, assessor },
      ]);
      return { challenge, sponsor, application, company, founder, assessor, assessmentId };
    }
    const copyOf = (who: TestUser, applicationId: string) =>
      h
        .http()
        .get(`/api/v1/applications/${applicationId}/blind-copy`)
        .set('authorization', who.bearer);
    const amend = (who: TestUser, applicationId: string, answers: object[]) =>
      h
        .http()
        .put(`/api/v1/applications/${applicationId}/blind-copy`)
        .set('authorization', who.bearer)
        .send({ answers });

    it('shows the programme manager exactly what the panel reads, and lets them amend it', async () => {
      const s = await blindApplication();
      const before = await copyOf(pm, s.application.id).expect(200);
      const seen = (await assessment(s.assessor, s.assessmentId).expect(200)).body.application
        .answers;
      expect(before.body).toMatchObject({ amended: false, version: 0, blindReview: true });
      expect(before.body.answers).toEqual(seen);
      expect(JSON.stringify(before.body.answers)).not.toMatch(/tidewater/i);

      // The rule cannot know "Loch Ness trial" names the company; the programme manager can.
      const amended = await amend(pm, s.application.id, [
        { key: 'approach', value: 'The company fits gauges.', withheld: false },
      ]).expect(200);
      expect(amended.body).toMatchObject({ amended: true, version: 1, amendedByUserId: pm.id });
      const after = (await assessment(s.assessor, s.assessmentId).expect(200)).body.application
        .answers as { key: string; value: unknown }[];
      expect(after.find((a) => a.key === 'approach')?.value).toBe('The company fits gauges.');
      expect(after).toEqual(amended.body.answers);
      const audit: { action: string }[] = await h
        .dataSource()
        .query(`SELECT action FROM audit_events WHERE entity_id = $1`, [s.application.id]);
      expect(audit.map((a) => a.action)).toContain('application.blind_copy_amended');

      // Stale If-Match, and once scoring has been submitted, the copy stays as it was.
      const stale = await h
        .http()
        .put(`/api/v1/applications/${s.application.id}/blind-copy`)
        .set('authorization', pm.bearer)
        .set('if-match', '0')
        .send({ answers: [] })
        .expect(409);
      expect(stale.body.code).toBe('blind_copy.stale_version');
      await scoreAndSubmit(h, s.assessor, s.assessmentId, { impact: 3, feasibility: 5 });
      const late = await amend(pm, s.application.id, []).expect(409);
      expect(late.body.code).toBe('blind_copy.assessment_started');
    });

    it('is for programme managers only, and only in blind rounds', async () => {
      const s = await blindApplication();
      expect((await copyOf(s.assessor, s.application.id).expect(403)).body.code).toBeDefined();
      await copyOf(s.sponsor, s.application.id).expect(403);
      await copyOf(await h.make.startupMember(), s.application.id).expect(404);
      const open = (await reviewChallenge(h)).challenge;
      const { application } = await submittedApplication(h, open);
      const res = await amend(pm, application.id, []).expect(422);
      expect(res.body.code).toBe('blind_copy.not_blind');
    });

    it('redacts a programme manager’s moderation note for the blind panel', async () => {
      const s = await blindApplication();
      await h
        .http()
        .post(`/api/v1/applications/${s.application.id}/moderation-notes`)
        .set('authorization', pm.bearer)
        .send({ body: `Tidewater Sensing's founder (${s.founder.name}) confirmed the pilot.` })
        .expect(201);
      const panelView = await h
        .http()
        .get(`/api/v1/applications/${s.application.id}/moderation-notes`)
        .set('authorization', s.assessor.bearer)
        .expect(200);
      expect(panelView.body.items[0].body).toBe(
        "[withheld]'s founder ([withheld]) confirmed the pilot.",
      );
      const pmView = await h
        .http()
        .get(`/api/v1/applications/${s.application.id}/moderation-notes`)
        .set('authorization', pm.bearer)
        .expect(200);
      expect(pmView.body.items[0].body).toContain('Tidewater Sensing');
    });
  });

  describe('the ranking', () => {
    it('names the company where the caller may know it and rounds scores for display', async () => {
      for (const blindReview of [false, true]) {
        const { challenge, sponsor } = await reviewChallenge(h, { blindReview });
        const { application, company } = await submittedApplication(h, challenge);
        const [a, b, c] = await panelOf(h, pm, challenge.id, 3);
        const ids = await assignPairs(h, pm, challenge.id, [
          { applicationId: application.id, assessor: a },
          { applicationId: application.id, assessor: b },
          { applicationId: application.id, assessor: c },
        ]);
        // 73.333…, 100, 50 → 74.444…; spread 50.
        await scoreAndSubmit(h, a, ids[0], { impact: 4, feasibility: 6 });
        await scoreAndSubmit(h, b, ids[1], { impact: 5, feasibility: 10 });
        await scoreAndSubmit(h, c, ids[2], { impact: 3, feasibility: 3 });

        const [item] = (await ranking(pm, challenge.id).expect(200)).body.items;
        expect(item.company).toEqual({ id: company.id, name: company.name });
        expect(item.weightedScore).toBeCloseTo(74.4444444444, 9);
        expect(item.weightedScoreDisplay).toBe(74.4);
        expect(item.spreadDisplay).toBe(50);

        const bySponsor = (await ranking(sponsor, challenge.id).expect(200)).body;
        if (blindReview) {
          expect(bySponsor.items[0]).not.toHaveProperty('company');
          expect(JSON.stringify(bySponsor)).not.toContain(company.id);
        } else {
          expect(bySponsor.items[0].company).toEqual({ id: company.id, name: company.name });
        }
      }
    });
  });
});
