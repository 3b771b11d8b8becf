import type { Round } from '@catalyst/rounds';
import {
  ApplicationsFactory,
  Harness,
  TestUser,
  assessedApplication,
  scoreAndSubmit,
} from '@catalyst/testing';

interface AuditRow {
  action: string;
  from_state: string | null;
  to_state: string | null;
  reason: string | null;
  actor_id: string | null;
}

describe('screening, decisions and the cohort', () => {
  const h = new Harness();
  let f: ApplicationsFactory;
  let pm: TestUser;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    f = new ApplicationsFactory(h);
    pm = await h.make.programmeManager();
  });
  afterAll(() => h.teardown());

  /** A round with one challenge and `n` submitted applications, each from its own startup. */
  async function roundWithApplications(n: number, overrides: Partial<Round> = {}) {
    const round = await f.round(overrides);
    const sponsor = await h.make.sponsor();
    const challenge = await f.challenge(round, { sponsorOrganisationId: sponsor.organisationId });
    const startups: TestUser[] = [];
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const startup = await h.make.startupMember();
      startups.push(startup);
      ids.push((await f.submitted(startup, challenge.id)).id);
    }
    return { round, challenge, sponsor, startups, ids };
  }

  /** One submitted panel assessment each: decisions rest on the panel's assessment. */
  async function assessAll(ids: string[]): Promise<void> {
    for (const id of ids) await assessedApplication(h, id);
  }

  const auditOf = (applicationId: string): Promise<AuditRow[]> =>
    h.dataSource().query(
      `SELECT action, from_state, to_state, reason, actor_id FROM audit_events
          WHERE entity_type = 'application' AND entity_id = $1 ORDER BY at, action`,
      [applicationId],
    );
  const cohort = (user: TestUser, roundId: string) =>
    h.http().get(`/api/v1/rounds/${roundId}/cohort`).set('authorization', user.bearer);

  it('screens out an ineligible application with a reason, and can reinstate it', async () => {
    const { round, ids, startups } = await roundWithApplications(1);
    const [id] = ids as [string];
    const noReason = await f.move(pm, id, 'ineligible').expect(400);
    expect(noReason.body.errors).toEqual([
      { field: 'reason', message: 'is required for this transition' },
    ]);
    await f.move(startups[0], id, 'ineligible', 'self-screening').expect(403);
    const res = await f.move(pm, id, 'ineligible', 'Not registered in the UK').expect(200);
    expect(res.body.status).toBe('ineligible');
    await f.setRoundStatus(round, 'assessment');
    await f.move(pm, id, 'submitted', 'Registration confirmed on appeal').expect(200);
    const trail = (await auditOf(id)).filter((e) => e.from_state !== 'draft' && e.from_state);
    expect(trail).toEqual([
      {
        action: 'application.ineligible',
        from_state: 'submitted',
        to_state: 'ineligible',
        reason: 'Not registered in the UK',
        actor_id: pm.id,
      },
      {
        action: 'application.submitted',
        from_state: 'ineligible',
        to_state: 'submitted',
        reason: 'Registration confirmed on appeal',
        actor_id: pm.id,
      },
    ]);
  });

  it('refuses decisions at the wrong round stage with 422, saying which stages allow them', async () => {
    const { round, ids } = await roundWithApplications(2);
    await assessAll(ids);
    const [a, b] = ids as [string, string];
    const early = await f.move(pm, a, 'shortlisted', 'strong').expect(422);
    expect(early.body.code).toBe('application.round_stage');
    expect(early.body.detail).toBe(
      "An application can move to 'shortlisted' only while its round is in 'assessment' or " +
        "'exploration'; this round is 'open'.",
    );
    await f.setRoundStatus(round, 'assessment');
    await f.move(pm, a, 'shortlisted', 'strong').expect(200);
    const explorationTooEarly = await f.move(pm, a, 'exploration', 'go').expect(422);
    expect(explorationTooEarly.body.detail).toContain("only while its round is in 'exploration'");
    const selectTooEarly = await f.move(pm, a, 'selected', 'best').expect(422);
    expect(selectTooEarly.body.detail).toContain("'exploration' or 'accelerator'");
    await f.move(pm, b, 'rejected', 'weak evidence').expect(200);
    await f.setRoundStatus(round, 'completed');
    await f.move(pm, a, 'rejected', 'too late').expect(422);
    const stillShortlisted = await h
      .http()
      .get(`/api/v1/applications/${a}`)
      .set('authorization', pm.bearer)
      .expect(200);
    expect(stillShortlisted.body.status).toBe('shortlisted');
  });

  it('refuses every decision without a reason (400) and by anyone but a programme manager (403)', async () => {
    const { round, ids, sponsor, startups } = await roundWithApplications(1);
    const [id] = ids as [string];
    await f.setRoundStatus(round, 'assessment');
    for (const to of ['shortlisted', 'waitlisted', 'rejected']) {
      const res = await f.move(pm, id, to).expect(400);
      expect(res.body.errors[0].field).toBe('reason');
      await f.move(pm, id, to, '  ').expect(400);
      await f.move(sponsor, id, to, 'we like it').expect(403);
      await f.move(startups[0], id, to, 'please').expect(403);
    }
    expect((await auditOf(id)).map((e) => e.action)).toEqual([
      'application.created',
      'application.submitted',
    ]);
  });

  it('answers an impossible move with 409 and the allowed targets', async () => {
    const { ids } = await roundWithApplications(1);
    const res = await f.move(pm, ids[0], 'selected', 'skip ahead').expect(409);
    expect(res.body).toMatchObject({
      status: 409,
      from: 'submitted',
      allowed: ['withdrawn', 'ineligible', 'shortlisted', 'waitlisted', 'rejected'],
    });
  });

  it('takes the full decision path, auditing each step with its reason, and forms the cohort', async () => {
    const { round, challenge, sponsor, startups, ids } = await roundWithApplications(3, {
      blindReview: true,
    });
    const [winner, runnerUp, loser] = ids as [string, string, string];
    await assessAll(ids);
    await f.setRoundStatus(round, 'assessment');
    await f.move(pm, winner, 'shortlisted', 'Ranked 1st of 3').expect(200);
    await f.move(pm, runnerUp, 'shortlisted', 'Ranked 2nd of 3').expect(200);
    await f.move(pm, loser, 'rejected', 'Ranked 3rd; evidence thin').expect(200);
    await f.setRoundStatus(round, 'exploration');
    await f.move(pm, winner, 'exploration', 'Paid exploration agreed').expect(200);
    await f.move(pm, runnerUp, 'waitlisted', 'Strong but second').expect(200);
    const selected = await f.move(pm, winner, 'selected', 'Best pitch at exploration close');
    expect(selected.status).toBe(200);
    expect(selected.body).toMatchObject({ status: 'selected', version: 5 });

    expect(await auditOf(winner)).toEqual([
      expect.objectContaining({ action: 'application.created' }),
      expect.objectContaining({ action: 'application.submitted' }),
      {
        action: 'application.shortlisted',
        from_state: 'submitted',
        to_state: 'shortlisted',
        reason: 'Ranked 1st of 3',
        actor_id: pm.id,
      },
      {
        action: 'application.exploration',
        from_state: 'shortlisted',
        to_state: 'exploration',
        reason: 'Paid exploration agreed',
        actor_id: pm.id,
      },
      {
        action: 'application.selected',
        from_state: 'exploration',
        to_state: 'selected',
        reason: 'Best pitch at exploration close',
        actor_id: pm.id,
      },
    ]);

    const teams = await h.dataSource().query(`SELECT * FROM teams WHERE round_id = $1`, [round.id]);
    expect(teams).toEqual([
      expect.objectContaining({
        application_id: winner,
        startup_organisation_id: startups[0].organisationId,
        challenge_id: challenge.id,
        sponsor_organisation_id: sponsor.organisationId,
      }),
    ]);
    const res = await cohort(pm, round.id).expect(200);
    expect(res.body).toEqual({
      items: [
        {
          id: teams[0].id,
          applicationId: winner,
          startupOrganisationId: startups[0].organisationId,
          startupName: expect.stringMatching(/^startup org/),
          challengeId: challenge.id,
          challengeTitle: challenge.title,
          sponsorOrganisationId: sponsor.organisationId,
          sponsorName: expect.stringMatching(/^sponsor org/),
          createdAt: expect.any(String),
        },
      ],
      nextCursor: null,
    });
    const teamEvents = await h
      .dataSource()
      .query(
        `SELECT action, actor_id FROM audit_events WHERE entity_type = 'team' AND entity_id = $1`,
        [teams[0].id],
      );
    expect(teamEvents).toEqual([{ action: 'team.formed', actor_id: pm.id }]);
  });

  it('shows each caller only the teams that concern them', async () => {
    const { round, challenge, sponsor, startups, ids } = await roundWithApplications(2);
    const otherSponsor = await h.make.sponsor();
    const otherChallenge = await f.challenge(round, {
      sponsorOrganisationId: otherSponsor.organisationId,
    });
    const third = await h.make.startupMember();
    const thirdApp = await f.submitted(third, otherChallenge.id);
    await assessAll([...ids, thirdApp.id]);
    await f.setRoundStatus(round, 'assessment');
    for (const id of [...ids, thirdApp.id]) await f.move(pm, id, 'shortlisted', 'ok').expect(200);
    await f.setRoundStatus(round, 'exploration');
    await f.move(pm, ids[0], 'selected', 'one').expect(200);
    await f.move(pm, ids[1], 'selected', 'two: sometimes two per challenge').expect(200);
    await f.move(pm, thirdApp.id, 'selected', 'three').expect(200);

    const appIds = async (user: TestUser) =>
      (await cohort(user, round.id).expect(200)).body.items
        .map((t: { applicationId: string }) => t.applicationId)
        .sort();
    expect(await appIds(pm)).toEqual([...ids, thirdApp.id].sort());
    expect(await appIds(sponsor)).toEqual([...ids].sort());
    expect(await appIds(otherSponsor)).toEqual([thirdApp.id]);
    expect(await appIds(startups[1])).toEqual([ids[1]]);
    expect(await appIds(await h.make.startupMember())).toEqual([]);
    expect(await appIds(await h.make.assessor(sponsor.organisationId))).toEqual([]);
    expect(challenge.id).not.toBe(otherChallenge.id);
    await cohort(pm, '6f1c1c1e-7d59-4a55-9f6a-0d9a3c2b1a10').expect(404);

    // Pages through the cohort in selection order without repeats.
    const first = await h
      .http()
      .get(`/api/v1/rounds/${round.id}/cohort?limit=2`)
      .set('authorization', pm.bearer)
      .expect(200);
    expect(first.body.items).toHaveLength(2);
    const second = await h
      .http()
      .get(`/api/v1/rounds/${round.id}/cohort?limit=2&cursor=${first.body.nextCursor}`)
      .set('authorization', pm.bearer)
      .expect(200);
    expect(second.body).toMatchObject({ nextCursor: null });
    expect([...first.body.items, ...second.body.items].map((t) => t.applicationId)).toEqual([
      ids[0],
      ids[1],
      thirdApp.id,
    ]);
  });

  it('keeps the cohort equal to the selected applications when a selection is reversed', async () => {
    const { round, ids, startups } = await roundWithApplications(2);
    const [a, b] = ids as [string, string];
    await assessAll(ids);
    await f.setRoundStatus(round, 'assessment');
    await f.move(pm, a, 'shortlisted', 'ok').expect(200);
    await f.move(pm, b, 'shortlisted', 'ok').expect(200);
    await f.setRoundStatus(round, 'exploration');
    await f.move(pm, a, 'selected', 'first pick').expect(200);
    const [team] = await h
      .dataSource()
      .query(`SELECT id FROM teams WHERE application_id = $1`, [a]);

    await f.move(pm, a, 'waitlisted', 'Sponsor budget cut to one team').expect(200);
    expect(
      await h.dataSource().query(`SELECT id FROM teams WHERE round_id = $1`, [round.id]),
    ).toEqual([]);
    const disbanded = await h
      .dataSource()
      .query(
        `SELECT action, reason, data FROM audit_events WHERE entity_type = 'team' AND entity_id = $1 ORDER BY at`,
        [team.id],
      );
    expect(disbanded).toEqual([
      expect.objectContaining({ action: 'team.formed' }),
      {
        action: 'team.disbanded',
        reason: 'Sponsor budget cut to one team',
        data: { applicationId: a, roundId: round.id },
      },
    ]);

    // Selected again from the waitlist, then the company itself withdraws.
    await f.move(pm, a, 'selected', 'budget restored').expect(200);
    await f.move(startups[0], a, 'withdrawn', 'We have been acquired').expect(200);
    expect((await cohort(pm, round.id).expect(200)).body.items).toEqual([]);

    // Once the accelerator runs, a team stays a team.
    await f.move(pm, b, 'selected', 'replacement').expect(200);
    await f.setRoundStatus(round, 'accelerator');
    const locked = await f.move(pm, b, 'rejected', 'changed our mind').expect(422);
    expect(locked.body.code).toBe('application.team_locked');
    await f.move(startups[1], b, 'withdrawn').expect(422);
    expect(
      (await cohort(pm, round.id).expect(200)).body.items.map(
        (t: { applicationId: string }) => t.applicationId,
      ),
    ).toEqual([b]);
  });

  it('lets a company withdraw after being shortlisted, and honours If-Match on moves', async () => {
    const { round, ids, startups } = await roundWithApplications(1);
    const [id] = ids as [string];
    await assessAll(ids);
    await f.setRoundStatus(round, 'assessment');
    const shortlisted = await f.move(pm, id, 'shortlisted', 'ok').expect(200);
    await h
      .http()
      .post(`/api/v1/applications/${id}/transitions`)
      .set('authorization', startups[0].bearer)
      .set('if-match', String(shortlisted.body.version - 1))
      .send({ to: 'withdrawn' })
      .expect(409);
    const res = await h
      .http()
      .post(`/api/v1/applications/${id}/transitions`)
      .set('authorization', startups[0].bearer)
      .set('if-match', String(shortlisted.body.version))
      .send({ to: 'withdrawn' })
      .expect(200);
    expect(res.body.status).toBe('withdrawn');
    const last = (await auditOf(id)).at(-1);
    expect(last).toEqual({
      action: 'application.withdrawn',
      from_state: 'shortlisted',
      to_state: 'withdrawn',
      reason: null,
      actor_id: startups[0].id,
    });
    await f.move(pm, id, 'shortlisted', 'come back').expect(409);
  });

  describe('decisions rest on the panel’s assessment', () => {
    const statusOf = async (id: string): Promise<string> =>
      (await h.http().get(`/api/v1/applications/${id}`).set('authorization', pm.bearer).expect(200))
        .body.status;

    it('refuses every decision on an application no assessor has scored (422), screening not', async () => {
      const { round, ids } = await roundWithApplications(2);
      const [id, outOfScope] = ids as [string, string];
      await f.setRoundStatus(round, 'assessment');
      for (const to of ['shortlisted', 'waitlisted', 'rejected']) {
        const res = await f.move(pm, id, to, 'clearly out of scope').expect(422);
        expect(res.body).toMatchObject({
          status: 422,
          code: 'assessment.panel_incomplete',
          assessments: { submitted: 0, outstanding: 0, conflicted: 0 },
        });
      }
      expect(await statusOf(id)).toBe('submitted');
      expect((await auditOf(id)).map((e) => e.action)).toEqual([
        'application.created',
        'application.submitted',
      ]);
      // Out of scope is what screening is for; it needs no scores.
      await f.move(pm, outOfScope, 'ineligible', 'Not a flooding product').expect(200);
    });

    it('refuses while one of two assigned assessors has not submitted, then decides once they have', async () => {
      const { round, ids } = await roundWithApplications(1);
      const [id] = ids as [string];
      const {
        assessors: [, late],
        assessmentIds: [, lateAssessment],
      } = await assessedApplication(h, id, { statuses: ['submitted', 'assigned'] });
      await f.setRoundStatus(round, 'assessment');
      for (const to of ['shortlisted', 'rejected']) {
        const res = await f.move(pm, id, to, 'Ranked first').expect(422);
        expect(res.body.code).toBe('assessment.panel_incomplete');
        expect(res.body.assessments).toEqual({ submitted: 1, outstanding: 1, conflicted: 0 });
      }
      expect(await statusOf(id)).toBe('submitted');

      await scoreAndSubmit(h, late, lateAssessment, { impact: 9 });
      await f.move(pm, id, 'shortlisted', 'Ranked first').expect(200);
      const [event] = await h
        .dataSource()
        .query(
          `SELECT data FROM audit_events WHERE entity_id = $1 AND action = 'application.shortlisted'`,
          [id],
        );
      expect(event.data).toEqual({ assessments: { submitted: 2, outstanding: 0, conflicted: 0 } });
    });

    it('does not count conflicted assessments: conflicted only is unscored, conflicted beside a submitted one is fine', async () => {
      const { round, ids } = await roundWithApplications(2);
      const [conflictedOnly, mixed] = ids as [string, string];
      await assessedApplication(h, conflictedOnly, { statuses: ['conflicted'] });
      await assessedApplication(h, mixed, { statuses: ['conflicted', 'submitted'] });
      await f.setRoundStatus(round, 'assessment');
      const res = await f.move(pm, conflictedOnly, 'waitlisted', 'maybe later').expect(422);
      expect(res.body.code).toBe('assessment.panel_incomplete');
      expect(res.body.assessments).toEqual({ submitted: 0, outstanding: 0, conflicted: 1 });
      expect(await statusOf(conflictedOnly)).toBe('submitted');
      await f.move(pm, mixed, 'waitlisted', 'Second in the ranking').expect(200);
      expect(await statusOf(mixed)).toBe('waitlisted');
    });

    it('holds at every later decision: a reopened assessment blocks selection until resubmitted', async () => {
      const { round, ids } = await roundWithApplications(1);
      const [id] = ids as [string];
      const {
        assessors: [assessor],
        assessmentIds: [assessmentId],
      } = await assessedApplication(h, id);
      await f.setRoundStatus(round, 'assessment');
      await f.move(pm, id, 'shortlisted', 'Ranked first').expect(200);
      await h
        .http()
        .post(`/api/v1/assessments/${assessmentId}/transitions`)
        .set('authorization', pm.bearer)
        .send({ to: 'assigned', reason: 'Score for feasibility entered on the wrong scale' })
        .expect(200);
      await f.setRoundStatus(round, 'exploration');
      const blocked = await f.move(pm, id, 'selected', 'Best pitch').expect(422);
      expect(blocked.body.code).toBe('assessment.panel_incomplete');
      expect(blocked.body.assessments).toMatchObject({ outstanding: 1 });
      expect(await statusOf(id)).toBe('shortlisted');
      expect(
        await h.dataSource().query(`SELECT id FROM teams WHERE application_id = $1`, [id]),
      ).toEqual([]);

      await scoreAndSubmit(h, assessor, assessmentId, { impact: 8 });
      await f.move(pm, id, 'selected', 'Best pitch').expect(200);
      expect(await statusOf(id)).toBe('selected');
    });
  });

  it('refuses an unknown target state as invalid input', async () => {
    const { ids } = await roundWithApplications(1);
    const res = await f.move(pm, ids[0], 'approved', 'x').expect(400);
    expect(res.body.errors[0].field).toBe('to');
  });
});
