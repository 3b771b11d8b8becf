import {
  Harness,
  TestUser,
  assignPairs,
  countQueries,
  panelOf,
  reviewChallenge,
  submittedApplication,
} from '@catalyst/testing';

describe('scoring assessments', () => {
  const h = new Harness();
  let pm: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let aliceOnX: string;
  let bobOnX: string;
  let xCompanyId: string;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    pm = await h.make.programmeManager();
    const { challenge } = await reviewChallenge(h);
    const x = await submittedApplication(h, challenge);
    xCompanyId = x.company.id;
    [alice, bob] = await panelOf(h, pm, challenge.id, 2);
    [aliceOnX, bobOnX] = await assignPairs(h, pm, challenge.id, [
      { applicationId: x.application.id, assessor: alice },
      { applicationId: x.application.id, assessor: bob },
    ]);
  });
  afterAll(() => h.teardown());

  const api = () => h.http();
  const put = (id: string, who: TestUser, body: object) =>
    api().put(`/api/v1/assessments/${id}`).set('authorization', who.bearer).send(body);
  const move = (id: string, who: TestUser, body: object) =>
    api().post(`/api/v1/assessments/${id}/transitions`).set('authorization', who.bearer).send(body);

  it('shows an assessor only their own assessments', async () => {
    const mine = await api()
      .get('/api/v1/assessments?mine=true')
      .set('authorization', alice.bearer)
      .expect(200);
    expect(mine.body.items.map((a: { id: string }) => a.id)).toEqual([aliceOnX]);
    // Without mine=true an assessor still sees only their own.
    const all = await api()
      .get('/api/v1/assessments')
      .set('authorization', alice.bearer)
      .expect(200);
    expect(all.body.items.map((a: { id: string }) => a.id)).toEqual([aliceOnX]);
    // Another assessor's assessment does not exist as far as Alice can tell.
    const other = await api()
      .get(`/api/v1/assessments/${bobOnX}`)
      .set('authorization', alice.bearer)
      .expect(404);
    expect(other.headers['content-type']).toMatch(/problem\+json/);
    await put(bobOnX, alice, { scores: { impact: 1 } }).expect(404);
    await move(bobOnX, alice, { to: 'submitted' }).expect(404);
    // The programme manager sees both.
    const pmList = await api()
      .get('/api/v1/assessments')
      .set('authorization', pm.bearer)
      .expect(200);
    expect(pmList.body.items.map((a: { id: string }) => a.id).sort()).toEqual(
      [aliceOnX, bobOnX].sort(),
    );
  });

  it('lists a page of assessments in one query, however many there are', async () => {
    const { count, queries } = await countQueries(h.dataSource(), () =>
      api().get('/api/v1/assessments?limit=1').set('authorization', pm.bearer).expect(200),
    );
    // The caller (token → actor), then the page.
    expect(count).toBe(2);
    expect(queries[1]).toMatch(/FROM "assessments"/);
  });

  it('shows the rubric and the answers to the assigned assessor', async () => {
    const res = await api()
      .get(`/api/v1/assessments/${aliceOnX}`)
      .set('authorization', alice.bearer)
      .expect(200);
    expect(res.body).toMatchObject({
      id: aliceOnX,
      status: 'assigned',
      blind: false,
      allowedTransitions: [
        { to: 'submitted', reasonRequired: false },
        { to: 'conflicted', reasonRequired: true },
      ],
      rubric: [
        { key: 'impact', label: 'Impact', weight: 2, maxScore: 5 },
        { key: 'feasibility', label: 'Feasibility', weight: 1, maxScore: 10 },
      ],
    });
    expect(res.body.application.startupOrganisationId).toBe(xCompanyId);
    expect(res.body.application.answers[0]).toMatchObject({
      key: 'approach',
      value: 'Sensors in culverts',
    });
  });

  it('refuses unknown criteria and scores outside 0..maxScore, naming them', async () => {
    const unknown = await put(aliceOnX, alice, { scores: { impact: 3, charm: 2 } }).expect(400);
    expect(unknown.body.errors).toEqual([
      { field: 'scores.charm', message: 'is not a criterion of this rubric' },
    ]);
    const high = await put(aliceOnX, alice, { scores: { impact: 6 } }).expect(400);
    expect(high.body.errors).toEqual([
      { field: 'scores.impact', message: 'must be between 0 and 5' },
    ]);
    await put(aliceOnX, alice, { scores: { feasibility: -1 } }).expect(400);
    await put(aliceOnX, alice, { scores: { impact: '3' } }).expect(400);
    await put(aliceOnX, alice, { scores: [3] }).expect(400);
    await put(aliceOnX, alice, { scores: { impact: 3 }, extra: true }).expect(400);
    const saved: unknown[] = await h
      .dataSource()
      .query(`SELECT 1 FROM assessment_scores WHERE assessment_id = $1`, [aliceOnX]);
    expect(saved).toEqual([]);
  });

  it('has the database refuse an out-of-range score even past the API', async () => {
    await expect(
      h.dataSource().query(
        `INSERT INTO assessment_scores (assessment_id, criterion_key, score, max_score, weight)
           VALUES ($1, 'impact', 5.5, 5, 2)`,
        [aliceOnX],
      ),
    ).rejects.toThrow(/assessment_scores_range_check/);
    await expect(
      h.dataSource().query(
        `INSERT INTO assessment_scores (assessment_id, criterion_key, score, max_score, weight)
           VALUES ($1, 'impact', -1, 5, 2)`,
        [aliceOnX],
      ),
    ).rejects.toThrow(/assessment_scores_range_check/);
  });

  it('only lets the assigned assessor score, not a programme manager', async () => {
    await put(aliceOnX, pm, { scores: { impact: 3 } }).expect(403);
  });

  it('saves a score sheet with a version check, then submits once complete', async () => {
    const partial = await put(aliceOnX, alice, {
      scores: { impact: 4 },
      comment: 'Promising',
    }).expect(200);
    expect(partial.body).toMatchObject({ scores: { impact: 4 }, comment: 'Promising' });
    const incomplete = await move(aliceOnX, alice, { to: 'submitted' }).expect(422);
    expect(incomplete.body.errors).toEqual([
      { field: 'scores.feasibility', message: 'is not scored yet' },
    ]);

    await put(aliceOnX, alice, { scores: { impact: 4, feasibility: 6 } })
      .set('if-match', String(partial.body.version - 1))
      .expect(409);
    const full = await put(aliceOnX, alice, { scores: { impact: 4, feasibility: 6.5 } })
      .set('if-match', String(partial.body.version))
      .expect(200);
    // (2 × 4/5 + 1 × 6.5/10) / 3 × 100 = (1.6 + 0.65) / 3 × 100 = 75
    expect(full.body.weightedScore).toBeCloseTo(75, 10);
    expect(full.body.comment).toBe('Promising');

    const submitted = await move(aliceOnX, alice, { to: 'submitted' }).expect(200);
    expect(submitted.body.status).toBe('submitted');
    expect(submitted.body.submittedAt).toBe(h.clock.now().toISOString());
  });

  it('keeps submitted scores final unless a programme manager reopens them, audited', async () => {
    await put(aliceOnX, alice, { scores: { impact: 1, feasibility: 1 } }).expect(409);
    const again = await move(aliceOnX, alice, { to: 'submitted' }).expect(409);
    expect(again.body.allowed).toEqual(expect.arrayContaining(['assigned', 'conflicted']));
    await move(aliceOnX, alice, { to: 'assigned', reason: 'I changed my mind' }).expect(403);
    const noReason = await move(aliceOnX, pm, { to: 'assigned' }).expect(400);
    expect(noReason.body.errors).toEqual([
      { field: 'reason', message: 'is required for this transition' },
    ]);

    const reopened = await move(aliceOnX, pm, {
      to: 'assigned',
      reason: 'Scored against the wrong attachment',
    }).expect(200);
    expect(reopened.body).toMatchObject({ status: 'assigned', submittedAt: null });
    expect(reopened.body.scores).toEqual({ impact: 4, feasibility: 6.5 });
    await put(aliceOnX, alice, { scores: { impact: 3, feasibility: 6.5 } }).expect(200);
    await move(aliceOnX, alice, { to: 'submitted' }).expect(200);

    const audit: { action: string; from_state: string; to_state: string; reason: string }[] =
      await h.dataSource().query(
        `SELECT action, from_state, to_state, reason FROM audit_events
            WHERE entity_type = 'assessment' AND entity_id = $1 ORDER BY at, action`,
        [aliceOnX],
      );
    // Each move is audited as `assessment.<to>`, from the state it left.
    expect(audit.filter((a) => a.from_state && a.action === `assessment.${a.to_state}`)).toEqual([
      {
        action: 'assessment.submitted',
        from_state: 'assigned',
        to_state: 'submitted',
        reason: null,
      },
      {
        action: 'assessment.assigned',
        from_state: 'submitted',
        to_state: 'assigned',
        reason: 'Scored against the wrong attachment',
      },
      {
        action: 'assessment.submitted',
        from_state: 'assigned',
        to_state: 'submitted',
        reason: null,
      },
    ]);
    expect(audit.filter((a) => a.action === 'assessment.scored')).toHaveLength(3);
    expect(audit.find((a) => a.action === 'assessment.assigned')).toBeDefined();
  });

  it('takes a conflicted assessment out for good and records the declaration', async () => {
    const blank = await move(bobOnX, bob, { to: 'conflicted', reason: '  ' }).expect(400);
    expect(blank.body.errors[0].field).toBe('reason');
    const res = await move(bobOnX, bob, {
      to: 'conflicted',
      reason: 'I advise this company',
    }).expect(200);
    expect(res.body).toMatchObject({
      status: 'conflicted',
      conflictReason: 'I advise this company',
      allowedTransitions: [],
    });
    await put(bobOnX, bob, { scores: { impact: 1 } }).expect(409);
    const back = await move(bobOnX, pm, { to: 'assigned', reason: 'Mistake' }).expect(409);
    expect(back.body.allowed).toEqual([]);
    const declarations: { startup_organisation_id: string; declared_by_user_id: string }[] = await h
      .dataSource()
      .query(
        `SELECT startup_organisation_id, declared_by_user_id FROM conflict_declarations
          WHERE assessor_user_id = $1`,
        [bob.id],
      );
    expect(declarations).toEqual([
      { startup_organisation_id: xCompanyId, declared_by_user_id: bob.id },
    ]);
  });

  it('conflicts out every assessment of the same company by that assessor', async () => {
    const { challenge } = await reviewChallenge(h);
    const company = await h.make.organisation('startup');
    const other = await reviewChallenge(h);
    const one = await submittedApplication(h, challenge, { company });
    const two = await submittedApplication(h, other.challenge, { company });
    const [carol] = await panelOf(h, pm, challenge.id, 1);
    await h
      .http()
      .post(`/api/v1/challenges/${other.challenge.id}/assessors`)
      .set('authorization', pm.bearer)
      .send({ userId: carol.id })
      .expect(201);
    const [first] = await assignPairs(h, pm, challenge.id, [
      { applicationId: one.application.id, assessor: carol },
    ]);
    const [second] = await assignPairs(h, pm, other.challenge.id, [
      { applicationId: two.application.id, assessor: carol },
    ]);
    await put(second, carol, { scores: { impact: 5, feasibility: 10 } }).expect(200);
    await move(second, carol, { to: 'submitted' }).expect(200);

    await move(first, carol, { to: 'conflicted', reason: 'Co-founder is my partner' }).expect(200);
    const statuses: { id: string; status: string }[] = await h
      .dataSource()
      .query(`SELECT id, status FROM assessments WHERE id = ANY($1::uuid[]) ORDER BY id`, [
        [first, second],
      ]);
    expect(statuses.map((s) => s.status)).toEqual(['conflicted', 'conflicted']);
  });
});
