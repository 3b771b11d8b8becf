import type { Organisation } from '@catalyst/identity';
import type { Round } from '@catalyst/rounds';
import {
  Harness,
  REVIEW_RUBRIC,
  TestUser,
  addToPanel,
  reviewChallenge,
  submittedApplication,
} from '@catalyst/testing';

/**
 * Selection in stages, from submission to selection: a blind written sift on the challenge's
 * rubric, then an interview on its own scorecard, panel and ranking, entered only by a
 * programme manager's recorded decision; decisions resting on their stage's results; and
 * feedback to every applicant, invisible until released, anonymised, only to its company.
 */
const INTERVIEW_RUBRIC = [
  { key: 'pitch', label: 'Pitch', weight: 3, maxScore: 10 },
  { key: 'team', label: 'Team', weight: 1, maxScore: 5 },
];

describe('multi-stage selection and feedback', () => {
  const h = new Harness();
  let pm: TestUser;
  let otherPm: TestUser;
  let round: Round;
  let challengeId: string;
  const apps: Record<'a' | 'b' | 'c', { id: string; company: Organisation; member: TestUser }> =
    {} as never;
  let sift: [TestUser, TestUser];
  let interviewer: TestUser;
  const siftAssessment: Record<string, string> = {};
  const interviewAssessment: Record<string, string> = {};

  const api = () => h.http();
  const as = (user: TestUser) => ({
    get: (url: string) => api().get(`/api/v1${url}`).set('authorization', user.bearer),
    post: (url: string, body: object = {}) =>
      api().post(`/api/v1${url}`).set('authorization', user.bearer).send(body),
    put: (url: string, body: object) =>
      api().put(`/api/v1${url}`).set('authorization', user.bearer).send(body),
  });
  const decide = (id: string, to: string, reason: string) =>
    as(pm).post(`/applications/${id}/transitions`, { to, reason });
  const score = async (user: TestUser, id: string, scores: object, comment?: string) => {
    await as(user)
      .put(`/assessments/${id}`, { scores, ...(comment ? { comment } : {}) })
      .expect(200);
    await as(user).post(`/assessments/${id}/transitions`, { to: 'submitted' }).expect(200);
  };
  const setRound = (status: Round['status']) =>
    h.dataSource().query(`UPDATE rounds SET status = $2 WHERE id = $1`, [round.id, status]);
  const auditOf = (entityId: string, action: string) =>
    h
      .dataSource()
      .query(
        `SELECT reason, data FROM audit_events WHERE entity_id = $1 AND action = $2 ORDER BY seq`,
        [entityId, action],
      );

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    pm = await h.make.programmeManager();
    const other = await h.make.programme();
    otherPm = await h.make.programmeManager(other.operatorOrganisationId);
    const made = await reviewChallenge(h, { blindReview: true });
    round = made.round;
    challengeId = made.challenge.id;
    for (const [k, name] of [
      ['a', 'Alder Analytics'],
      ['b', 'Birch Robotics'],
      ['c', 'Cedar Sensors'],
    ] as const) {
      const { application, company } = await submittedApplication(h, made.challenge, {
        companyName: name,
      });
      apps[k] = { id: application.id, company, member: await h.make.startupMember(company.id) };
    }
    sift = [
      await h.make.user('assessor', { name: 'Dr Jane Smith' }),
      await h.make.user('assessor', { name: 'Omar Quist' }),
    ];
    interviewer = await h.make.user('assessor', { name: 'Priya Vance' });
  });
  afterAll(() => h.teardown());

  it('a challenge has one stage by default: the written sift on its rubric, blind as its round', async () => {
    const res = await as(pm).get(`/challenges/${challengeId}/stages`).expect(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        key: 'sift',
        position: 1,
        blind: true,
        needsSlots: false,
        applications: 3,
      }),
    ]);
    expect(res.body.items[0].rubric.map((c: { key: string }) => c.key)).toEqual(
      REVIEW_RUBRIC.map((c) => c.key),
    );
  });

  it('adds an interview stage with its own scorecard; an interview cannot be blind', async () => {
    const blind = await as(pm)
      .post(`/challenges/${challengeId}/stages`, {
        key: 'interview',
        label: 'Interview',
        rubric: INTERVIEW_RUBRIC,
        needsSlots: true,
        blind: true,
      })
      .expect(422);
    expect(blind.body.code).toBe('stage.interview_not_blind');
    const res = await as(pm)
      .post(`/challenges/${challengeId}/stages`, {
        key: 'interview',
        label: 'Interview',
        rubric: INTERVIEW_RUBRIC,
        needsSlots: true,
      })
      .expect(201);
    expect(res.body).toMatchObject({
      key: 'interview',
      position: 2,
      blind: false,
      applications: 0,
    });
    const again = await as(pm)
      .post(`/challenges/${challengeId}/stages`, {
        key: 'interview',
        label: 'x',
        rubric: INTERVIEW_RUBRIC,
      })
      .expect(409);
    expect(again.body.code).toBe('stage.key_taken');
    const list = await as(pm).get(`/challenges/${challengeId}/stages`).expect(200);
    expect(list.body.items.map((s: { key: string; blind: boolean }) => [s.key, s.blind])).toEqual([
      ['sift', true],
      ['interview', false],
    ]);
  });

  it('the blind sift: its panel scores on the challenge’s rubric and its ranking matches the hand-computed values', async () => {
    for (const a of sift) await addToPanel(h, pm, challengeId, a);
    const add = (['a', 'b', 'c'] as const).flatMap((k) =>
      sift.map((a) => ({ applicationId: apps[k].id, assessorUserId: a.id })),
    );
    const res = await as(pm)
      .post(`/challenges/${challengeId}/assignments/bulk`, { add })
      .expect(200);
    for (const row of res.body.added as {
      id: string;
      applicationId: string;
      assessorUserId: string;
      stage: string;
    }[]) {
      expect(row.stage).toBe('sift');
      siftAssessment[`${row.applicationId}|${row.assessorUserId}`] = row.id;
    }
    const [s1, s2] = sift;
    const id = (k: 'a' | 'b' | 'c', a: TestUser) => siftAssessment[`${apps[k].id}|${a.id}`];
    const view = await as(s1)
      .get(`/assessments/${id('a', s1)}`)
      .expect(200);
    expect(view.body.blind).toBe(true);
    expect(view.body.application.companyName).toBeUndefined();

    // Hand-computed: Σ(weight × score / max) / Σ weight × 100 with impact (2, /5), feasibility (1, /10).
    await score(
      s1,
      id('a', s1),
      { impact: 5, feasibility: 10 },
      'Strong plan. Jane Smith, Flood Office',
    ); // 100
    await score(s2, id('a', s2), { impact: 4, feasibility: 8 }, 'Convincing sensors.'); // 80
    await score(s1, id('b', s1), { impact: 3, feasibility: 6 }, 'Thin on costs.'); // 60
    await score(s2, id('b', s2), { impact: 4, feasibility: 4 }); // 66.67
    await score(s1, id('c', s1), { impact: 1, feasibility: 2 }, 'Out of its depth.'); // 20
    await score(s2, id('c', s2), { impact: 2, feasibility: 2 }); // 33.33

    const ranking = await as(pm).get(`/challenges/${challengeId}/ranking?stage=sift`).expect(200);
    expect(ranking.body.stage).toBe('sift');
    const items = ranking.body.items as {
      applicationId: string;
      rank: number;
      weightedScore: number;
      spread: number;
    }[];
    expect(items.map((i) => i.applicationId)).toEqual([apps.a.id, apps.b.id, apps.c.id]);
    expect(items[0].weightedScore).toBeCloseTo(90, 6);
    expect(items[0].spread).toBeCloseTo(20, 6);
    expect(items[1].weightedScore).toBeCloseTo(190 / 3, 6);
    expect(items[2].weightedScore).toBeCloseTo(80 / 3, 6);
    expect(items.map((i) => i.rank)).toEqual([1, 2, 3]);
    // The default stage is the one the ranking always showed.
    const plain = await as(pm).get(`/challenges/${challengeId}/ranking`).expect(200);
    expect(plain.body.items).toEqual(ranking.body.items);
  });

  it('nothing enters the interview without a recorded decision; shortlisting rests on the sift', async () => {
    const empty = await as(pm)
      .get(`/challenges/${challengeId}/ranking?stage=interview`)
      .expect(200);
    expect(empty.body.items).toEqual([]);
    await as(pm)
      .post(`/challenges/${challengeId}/assessors?stage=interview`, { userId: interviewer.id })
      .expect(201);
    const early = await as(pm)
      .post(`/challenges/${challengeId}/assignments/bulk?stage=interview`, {
        add: [{ applicationId: apps.a.id, assessorUserId: interviewer.id }],
      })
      .expect(422);
    expect(early.body.code).toBe('assignment.rules_broken');

    await decide(apps.a.id, 'shortlisted', 'First in the sift').expect(200);
    await decide(apps.b.id, 'shortlisted', 'Second in the sift').expect(200);
    const [shortlisted] = await auditOf(apps.a.id, 'application.shortlisted');
    expect(shortlisted.data).toMatchObject({
      assessments: { submitted: 2, outstanding: 0, conflicted: 0 },
      stage: 'sift',
      figures: { rank: 1, ranked: 3 },
    });
    expect(shortlisted.data.figures.weightedScore).toBeCloseTo(90, 6);

    const first = await as(pm)
      .post(`/challenges/${challengeId}/stages/sift/entries`, {
        applicationIds: [apps.a.id],
        reason: 'x',
      })
      .expect(422);
    expect(first.body.code).toBe('stage.first_stage_has_everyone');
    const entered = await as(pm)
      .post(`/challenges/${challengeId}/stages/interview/entries`, {
        applicationIds: [apps.a.id, apps.b.id],
        reason: 'The two best of the sift',
      })
      .expect(201);
    expect(entered.body.items.map((e: { applicationId: string }) => e.applicationId)).toEqual([
      apps.a.id,
      apps.b.id,
    ]);
    const [event] = await auditOf(apps.a.id, 'application.stage_entered');
    expect(event).toEqual({
      reason: 'The two best of the sift',
      data: { challengeId, stage: 'interview', from: 'sift' },
    });
    const twice = await as(pm)
      .post(`/challenges/${challengeId}/stages/interview/entries`, {
        applicationIds: [apps.a.id],
        reason: 'again',
      })
      .expect(409);
    expect(twice.body.code).toBe('stage.already_entered');
    const stages = await as(pm).get(`/challenges/${challengeId}/stages`).expect(200);
    expect(stages.body.items[1].applications).toBe(2);
  });

  it('interview slots: given or booked, the panel sees its timetable, other companies nothing', async () => {
    const given = await as(pm)
      .post(`/challenges/${challengeId}/stages/interview/slots`, {
        startsAt: '2027-02-01T10:00:00Z',
        lengthMinutes: 30,
        place: 'Room 4, Victoria Quay',
        applicationId: apps.a.id,
      })
      .expect(201);
    expect(given.body).toMatchObject({
      taken: true,
      applicationId: apps.a.id,
      endsAt: '2027-02-01T10:30:00.000Z',
    });
    const free = await as(pm)
      .post(`/challenges/${challengeId}/stages/interview/slots`, {
        startsAt: '2027-02-01T11:00:00Z',
        lengthMinutes: 30,
        videoUrl: 'https://meet.example.org/interview-2',
      })
      .expect(201);
    const noSift = await as(pm)
      .post(`/challenges/${challengeId}/stages/sift/slots`, {
        startsAt: '2027-02-01T12:00:00Z',
        lengthMinutes: 30,
        place: 'x',
      })
      .expect(422);
    expect(noSift.body.code).toBe('interview_slot.not_an_interview');

    const seenByB = await as(apps.b.member)
      .get(`/challenges/${challengeId}/stages/interview/slots`)
      .expect(200);
    expect(seenByB.body.items).toEqual([
      expect.objectContaining({ id: free.body.id, taken: false }),
    ]);
    expect(JSON.stringify(seenByB.body)).not.toContain(apps.a.id);
    await as(apps.c.member).get(`/challenges/${challengeId}/stages/interview/slots`).expect(404);
    const booked = await as(apps.b.member)
      .post(`/interview-slots/${free.body.id}/booking`, { applicationId: apps.b.id })
      .expect(200);
    expect(booked.body).toMatchObject({ taken: true, applicationId: apps.b.id });
    await as(apps.c.member)
      .post(`/interview-slots/${free.body.id}/booking`, { applicationId: apps.c.id })
      .expect(404);

    const timetable = await as(interviewer)
      .get(`/challenges/${challengeId}/stages/interview/slots`)
      .expect(200);
    expect(
      timetable.body.items.map((s: { applicationId: string; companyName: string }) => [
        s.applicationId,
        s.companyName,
      ]),
    ).toEqual([
      [apps.a.id, 'Alder Analytics'],
      [apps.b.id, 'Birch Robotics'],
    ]);
  });

  it('the interview: its own panel, scorecard and ranking (hand-computed), not blind', async () => {
    // The sift's first assessor sits on the interview panel too: a seat per stage.
    await as(pm)
      .post(`/challenges/${challengeId}/assessors?stage=interview`, { userId: sift[0].id })
      .expect(201);
    const panel = await as(pm)
      .get(`/challenges/${challengeId}/assessors?stage=interview`)
      .expect(200);
    expect(panel.body.items.map((m: { userId: string }) => m.userId).sort()).toEqual(
      [sift[0].id, interviewer.id].sort(),
    );
    const run = await as(pm)
      .post(`/challenges/${challengeId}/assignments?stage=interview`, { perApplication: 2 })
      .expect(201);
    expect(run.body.items).toHaveLength(4);
    for (const row of run.body.items as {
      id: string;
      applicationId: string;
      assessorUserId: string;
      stage: string;
    }[]) {
      expect(row.stage).toBe('interview');
      interviewAssessment[`${row.applicationId}|${row.assessorUserId}`] = row.id;
    }
    expect(Object.keys(interviewAssessment).some((k) => k.startsWith(apps.c.id))).toBe(false);
    const id = (k: 'a' | 'b', a: TestUser) => interviewAssessment[`${apps[k].id}|${a.id}`];
    const view = await as(interviewer)
      .get(`/assessments/${id('a', interviewer)}`)
      .expect(200);
    expect(view.body.blind).toBe(false);
    expect(view.body.application.companyName).toBe('Alder Analytics');
    expect(view.body.rubric.map((c: { key: string }) => c.key)).toEqual(['pitch', 'team']);
    const wrong = await as(interviewer)
      .put(`/assessments/${id('a', interviewer)}`, { scores: { impact: 3 } })
      .expect(400);
    expect(wrong.body.errors[0].field).toBe('scores.impact');

    // Σ(weight × score / max) / Σ weight × 100 with pitch (3, /10), team (1, /5).
    await score(sift[0], id('a', sift[0]), { pitch: 9, team: 4 }, 'Clear answers.'); // 87.5
    await score(interviewer, id('a', interviewer), { pitch: 8, team: 3 }, 'A capable team.'); // 75
    await score(sift[0], id('b', sift[0]), { pitch: 6, team: 5 }); // 70
    await score(interviewer, id('b', interviewer), { pitch: 8, team: 2 }, 'Good demo, small team.'); // 70

    const ranking = await as(pm)
      .get(`/challenges/${challengeId}/ranking?stage=interview`)
      .expect(200);
    const items = ranking.body.items as {
      applicationId: string;
      rank: number;
      weightedScore: number;
      normalisedScore: number;
      spread: number;
      assessmentsSubmitted: number;
    }[];
    expect(items.map((i) => [i.applicationId, i.rank, i.assessmentsSubmitted])).toEqual([
      [apps.a.id, 1, 2],
      [apps.b.id, 2, 2],
    ]);
    expect(items[0].weightedScore).toBeCloseTo(81.25, 6);
    expect(items[0].spread).toBeCloseTo(12.5, 6);
    expect(items[1].weightedScore).toBeCloseTo(70, 6);
    expect(items[1].spread).toBeCloseTo(0, 6);
    // Each interviewer scored A above B: z = +1 and −1 for both.
    expect(items[0].normalisedScore).toBeCloseTo(1, 6);
    expect(items[1].normalisedScore).toBeCloseTo(-1, 6);
    // The sift's ranking is untouched by the interview's scores.
    const siftRanking = await as(pm).get(`/challenges/${challengeId}/ranking`).expect(200);
    expect(siftRanking.body.items[0].weightedScore).toBeCloseTo(90, 6);
    const progress = await as(pm)
      .get(`/challenges/${challengeId}/review-progress?stage=interview`)
      .expect(200);
    expect(progress.body.totals).toEqual({ assigned: 4, submitted: 4, conflicted: 0 });
  });

  it('moderation per stage: notes and the moderated outcome', async () => {
    await as(pm)
      .post(`/applications/${apps.b.id}/moderation-notes`, {
        body: 'Team score differs',
        stage: 'interview',
      })
      .expect(201);
    const interviewNotes = await as(pm)
      .get(`/applications/${apps.b.id}/moderation-notes?stage=interview`)
      .expect(200);
    expect(
      interviewNotes.body.items.map((n: { body: string; stage: string }) => [n.stage, n.body]),
    ).toEqual([['interview', 'Team score differs']]);
    const siftNotes = await as(pm).get(`/applications/${apps.b.id}/moderation-notes`).expect(200);
    expect(siftNotes.body.items).toEqual([]);
    const res = await as(pm)
      .put(`/applications/${apps.b.id}/moderation-outcome`, {
        stage: 'interview',
        outcome: 'adjusted',
        adjustedScore: 72,
        reason: 'Team scored on the wrong scale',
      })
      .expect(200);
    expect(res.body).toMatchObject({
      outcome: 'adjusted',
      adjustedScore: 72,
      rankedScore: 70,
      stage: 'interview',
    });
    await as(pm)
      .put(`/applications/${apps.a.id}/moderation-outcome`, {
        outcome: 'confirmed',
        reason: 'Spread explained',
      })
      .expect(200);
    await as(pm)
      .put(`/applications/${apps.c.id}/moderation-outcome`, {
        stage: 'interview',
        outcome: 'confirmed',
        reason: 'x',
      })
      .expect(422);
    const [event] = await auditOf(apps.b.id, 'application.moderated');
    expect(event.data).toMatchObject({
      stage: 'interview',
      outcome: 'adjusted',
      rankedScore: 70,
      adjustedScore: 72,
    });
  });

  it('feedback is released only after the decisions, and nothing shows before', async () => {
    const early = await as(pm).post(`/challenges/${challengeId}/feedback-release`).expect(422);
    expect(early.body.code).toBe('feedback.undecided');
    await as(apps.a.member).get(`/applications/${apps.a.id}/feedback`).expect(404);

    await setRound('exploration');
    await decide(apps.a.id, 'selected', 'Best interview; ready for the accelerator').expect(200);
    const [selected] = await auditOf(apps.a.id, 'application.selected');
    expect(selected.data).toMatchObject({
      assessments: { submitted: 2, outstanding: 0, conflicted: 0 },
      stage: 'interview',
      figures: { rank: 1, ranked: 2 },
    });
    expect(selected.data.figures.weightedScore).toBeCloseTo(81.25, 6);
    await decide(apps.b.id, 'rejected', 'A smaller team than the work needs').expect(200);
    await decide(apps.c.id, 'rejected', 'The approach would not scale to rural roads').expect(200);
    const [rejectedC] = await auditOf(apps.c.id, 'application.rejected');
    expect(rejectedC.data.stage).toBe('sift');

    // Before release a programme manager takes the assessor's name out of a comment (audited).
    const commented = siftAssessment[`${apps.a.id}|${sift[0].id}`];
    const edit = await as(pm)
      .put(`/assessments/${commented}/feedback-comment`, { comment: 'Strong plan.' })
      .expect(200);
    expect(edit.body).toEqual({ assessmentId: commented, feedbackComment: 'Strong plan.' });
    const [edited] = await auditOf(commented, 'assessment.feedback_comment_edited');
    expect(edited.data).toEqual({
      from: 'Strong plan. Jane Smith, Flood Office',
      to: 'Strong plan.',
    });
    await as(sift[0])
      .put(`/assessments/${commented}/feedback-comment`, { comment: 'mine' })
      .expect(403);

    await as(apps.a.member).get(`/applications/${apps.a.id}/feedback`).expect(404);
    await as(otherPm).post(`/challenges/${challengeId}/feedback-release`).expect(404);
    const released = await as(pm).post(`/challenges/${challengeId}/feedback-release`).expect(200);
    expect(released.body).toMatchObject({ challengeId, applications: 3 });
    const [event] = await auditOf(challengeId, 'challenge.feedback_released');
    expect(event.data.applicationIds.sort()).toEqual([apps.a.id, apps.b.id, apps.c.id].sort());
    await as(pm).post(`/challenges/${challengeId}/feedback-release`).expect(409);
    const late = await as(pm)
      .put(`/assessments/${commented}/feedback-comment`, { comment: 'later' })
      .expect(409);
    expect(late.body.code).toBe('feedback.already_released');
  });

  it('after release each company reads its own feedback: per stage scores, band, anonymised comments, the reason', async () => {
    const res = await as(apps.a.member).get(`/applications/${apps.a.id}/feedback`).expect(200);
    expect(res.body).toMatchObject({
      applicationId: apps.a.id,
      released: true,
      decision: { status: 'selected', reason: 'Best interview; ready for the accelerator' },
    });
    const [siftStage, interview] = res.body.stages;
    expect(siftStage).toMatchObject({ stage: 'sift', band: 'top quarter' });
    expect(siftStage.weightedScore).toBeCloseTo(90, 6);
    expect(siftStage.criteria).toEqual([
      { key: 'impact', label: 'Impact', weight: 2, maxScore: 5, score: 4.5 },
      { key: 'feasibility', label: 'Feasibility', weight: 1, maxScore: 10, score: 9 },
    ]);
    expect([...siftStage.comments].sort()).toEqual(['Convincing sensors.', 'Strong plan.']);
    expect(interview).toMatchObject({ stage: 'interview', band: 'top quarter' });
    expect(interview.weightedScore).toBeCloseTo(81.25, 6);
    expect(interview.criteria.map((c: { score: number }) => c.score)).toEqual([8.5, 3.5]);
    expect([...interview.comments].sort()).toEqual(['A capable team.', 'Clear answers.']);

    const b = await as(apps.b.member).get(`/applications/${apps.b.id}/feedback`).expect(200);
    expect(b.body.stages.map((s: { stage: string; band: string }) => [s.stage, s.band])).toEqual([
      ['sift', 'second quarter'],
      ['interview', 'third quarter'],
    ]);
    expect(b.body.stages[1].weightedScore).toBe(72); // the moderated score
    const c = await as(apps.c.member).get(`/applications/${apps.c.id}/feedback`).expect(200);
    expect(c.body.stages.map((s: { stage: string; band: string }) => [s.stage, s.band])).toEqual([
      ['sift', 'third quarter'],
    ]);
    expect(c.body.decision.reason).toBe('The approach would not scale to rural roads');

    // No assessor identity anywhere in what the companies read.
    const assessors = [...sift, interviewer];
    for (const body of [res.body, b.body, c.body]) {
      const json = JSON.stringify(body);
      for (const a of assessors) {
        expect(json).not.toContain(a.id);
        expect(json).not.toContain(a.email);
        expect(json).not.toContain(a.name);
      }
      expect(json).not.toContain('Jane');
      expect(json).not.toContain('assessorUserId');
      for (const id of [...Object.values(siftAssessment), ...Object.values(interviewAssessment)]) {
        expect(json).not.toContain(id);
      }
    }
  });

  it('feedback is only for its company; the stages are 404 to a programme manager of another programme', async () => {
    await as(apps.b.member).get(`/applications/${apps.a.id}/feedback`).expect(404);
    await as(sift[0]).get(`/applications/${apps.a.id}/feedback`).expect(404);
    await as(otherPm).get(`/applications/${apps.a.id}/feedback`).expect(404);
    await as(otherPm).get(`/challenges/${challengeId}/stages`).expect(404);
    await as(otherPm)
      .post(`/challenges/${challengeId}/stages`, {
        key: 'pitch',
        label: 'Pitch',
        rubric: INTERVIEW_RUBRIC,
      })
      .expect(404);
    await as(otherPm)
      .post(`/challenges/${challengeId}/stages/interview/entries`, {
        applicationIds: [apps.c.id],
        reason: 'x',
      })
      .expect(404);
    await as(otherPm).get(`/challenges/${challengeId}/stages/interview/slots`).expect(404);
    await as(otherPm).get(`/challenges/${challengeId}/ranking?stage=interview`).expect(404);
    await as(otherPm)
      .put(`/applications/${apps.a.id}/moderation-outcome`, { outcome: 'confirmed', reason: 'x' })
      .expect(404);
    await as(pm).get(`/challenges/${challengeId}/ranking?stage=pitch`).expect(404);
    // A programme manager of the challenge may preview any application's feedback.
    const preview = await as(pm).get(`/applications/${apps.c.id}/feedback`).expect(200);
    expect(preview.body.released).toBe(true);
  });
});
