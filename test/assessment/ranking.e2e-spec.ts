import { RankingService } from '@catalyst/assessment';
import { loadConfig } from '@catalyst/common';
import {
  Harness,
  TestUser,
  assignPairs,
  countQueries,
  panelOf,
  reviewChallenge,
  scoreAndSubmit,
  submittedApplication,
} from '@catalyst/testing';

interface Item {
  applicationId: string;
  rank: number | null;
  weightedScore: number | null;
  normalisedScore: number | null;
  assessmentsSubmitted: number;
  spread: number | null;
  flagged: boolean;
}

describe('the ranking', () => {
  const h = new Harness();
  let pm: TestUser;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    pm = await h.make.programmeManager();
  });
  afterAll(() => h.teardown());

  const ranking = (challengeId: string, who: TestUser, query = '') =>
    h
      .http()
      .get(`/api/v1/challenges/${challengeId}/ranking${query}`)
      .set('authorization', who.bearer);

  describe('with three assessors on a weighted rubric', () => {
    // Rubric (the factory's): impact weight 2 of max 5, feasibility weight 1 of max 10; Σ weight 3.
    // Per-assessment weighted score = (2 × impact/5 + 1 × feasibility/10) / 3 × 100.
    //   X: A (4, 6)  → (1.6 + 0.6) / 3 × 100 = 73.333…   Y: A (2, 5) → (0.8 + 0.5) / 3 × 100 = 43.333…
    //      B (5, 10) → (2.0 + 1.0) / 3 × 100 = 100          B (3, 4) → (1.2 + 0.4) / 3 × 100 = 53.333…
    //      C (3, 3)  → (1.2 + 0.3) / 3 × 100 = 50           C (0, 0) → 0, then conflicted: excluded
    //   Z: A (5, 5)  → (2.0 + 0.5) / 3 × 100 = 83.333…   W: not assessed
    const X_A = 220 / 3;
    const X_B = 100;
    const X_C = 50;
    const Y_A = 130 / 3;
    const Y_B = 160 / 3;
    const Z_A = 250 / 3;

    let sponsor: TestUser;
    let challengeId: string;
    let ids: { x: string; y: string; z: string; w: string };
    let a: TestUser;
    let b: TestUser;
    let c: TestUser;

    beforeAll(async () => {
      const setup = await reviewChallenge(h);
      sponsor = setup.sponsor;
      challengeId = setup.challenge.id;
      const [x, y, z, w] = [
        await submittedApplication(h, setup.challenge),
        await submittedApplication(h, setup.challenge),
        await submittedApplication(h, setup.challenge),
        await submittedApplication(h, setup.challenge),
      ];
      ids = { x: x.application.id, y: y.application.id, z: z.application.id, w: w.application.id };
      [a, b, c] = await panelOf(h, pm, challengeId, 3);
      const [xa, xb, xc, ya, yb, yc, za] = await assignPairs(h, pm, challengeId, [
        { applicationId: ids.x, assessor: a },
        { applicationId: ids.x, assessor: b },
        { applicationId: ids.x, assessor: c },
        { applicationId: ids.y, assessor: a },
        { applicationId: ids.y, assessor: b },
        { applicationId: ids.y, assessor: c },
        { applicationId: ids.z, assessor: a },
      ]);
      await scoreAndSubmit(h, a, xa, { impact: 4, feasibility: 6 });
      await scoreAndSubmit(h, b, xb, { impact: 5, feasibility: 10 });
      await scoreAndSubmit(h, c, xc, { impact: 3, feasibility: 3 });
      await scoreAndSubmit(h, a, ya, { impact: 2, feasibility: 5 });
      await scoreAndSubmit(h, b, yb, { impact: 3, feasibility: 4 });
      await scoreAndSubmit(h, c, yc, { impact: 0, feasibility: 0 });
      await scoreAndSubmit(h, a, za, { impact: 5, feasibility: 5 });
      // C declares a conflict with Y's company after submitting: the 0 must stop counting.
      await h
        .http()
        .post(`/api/v1/assessments/${yc}/transitions`)
        .set('authorization', c.bearer)
        .send({ to: 'conflicted', reason: 'Realised I mentor the founder' })
        .expect(200);
      // An open (unsubmitted) assessment never counts either.
      await submittedApplication(h, setup.challenge, { status: 'withdrawn' });
    });

    it('computes the weighted score exactly as defined, highest first', async () => {
      const res = await ranking(challengeId, pm).expect(200);
      const items = res.body.items as Item[];
      expect(items.map((i) => i.applicationId)).toEqual([ids.z, ids.x, ids.y, ids.w]);
      expect(items.map((i) => i.rank)).toEqual([1, 2, 3, null]);
      const [z, x, y, w] = items;
      expect(z.weightedScore).toBeCloseTo(Z_A, 9); // 83.333…
      expect(x.weightedScore).toBeCloseTo((X_A + X_B + X_C) / 3, 9); // 74.444…
      expect(x.weightedScore).toBeCloseTo(74.4444444444, 9);
      expect(y.weightedScore).toBeCloseTo((Y_A + Y_B) / 2, 9); // 48.333…
      expect(w).toEqual({
        applicationId: ids.w,
        company: { id: expect.any(String), name: expect.any(String) },
        rank: null,
        weightedScore: null,
        weightedScoreDisplay: null,
        normalisedScore: null,
        normalisedScoreDisplay: null,
        assessmentsSubmitted: 0,
        spread: null,
        spreadDisplay: null,
        flagged: false,
      });
      expect(res.body.threshold).toBe(20);
    });

    it('leaves the conflicted assessment out of the count, the mean and the spread', async () => {
      const items = (await ranking(challengeId, pm).expect(200)).body.items as Item[];
      const y = items.find((i) => i.applicationId === ids.y) as Item;
      expect(y.assessmentsSubmitted).toBe(2);
      expect(y.weightedScore).not.toBeCloseTo((Y_A + Y_B + 0) / 3, 3); // what counting it would give
      expect(y.spread).toBeCloseTo(Y_B - Y_A, 9); // 10
    });

    it('flags a spread above the threshold, which a query parameter can change', async () => {
      const items = (await ranking(challengeId, pm).expect(200)).body.items as Item[];
      const byId = Object.fromEntries(items.map((i) => [i.applicationId, i]));
      expect(byId[ids.x]).toMatchObject({ spread: X_B - X_C, flagged: true }); // 50 > 20
      expect(byId[ids.y]).toMatchObject({ flagged: false }); // 10
      expect(byId[ids.z]).toMatchObject({ spread: 0, flagged: false });

      const lenient = (await ranking(challengeId, pm, '?threshold=60').expect(200)).body;
      expect(lenient.threshold).toBe(60);
      expect(lenient.items.find((i: Item) => i.applicationId === ids.x).flagged).toBe(false);
      // Strictly above: a spread of exactly 10 is not flagged at 10, but is at 9.5.
      const at10 = (await ranking(challengeId, pm, '?threshold=10').expect(200)).body.items;
      expect(at10.find((i: Item) => i.applicationId === ids.y).flagged).toBe(false);
      const at9 = (await ranking(challengeId, pm, '?threshold=9.5').expect(200)).body.items;
      expect(at9.find((i: Item) => i.applicationId === ids.y).flagged).toBe(true);
      await ranking(challengeId, pm, '?threshold=-1').expect(400);
    });

    it('averages per-assessor z-scores into the normalised score', async () => {
      // A scored X, Y, Z: mean and population standard deviation of A's three scores.
      const aScores = [X_A, Y_A, Z_A];
      const aMean = (X_A + Y_A + Z_A) / 3; // 66.666…
      const aSd = Math.sqrt(aScores.reduce((s, v) => s + (v - aMean) ** 2, 0) / 3); // 16.996…
      // B scored X (100) and Y (53.333…): z = +1 and −1. C's only counting score (X) → z = 0.
      const expected = {
        x: ((X_A - aMean) / aSd + 1 + 0) / 3, // 0.46408
        y: ((Y_A - aMean) / aSd - 1) / 2, // −1.18641
        z: (Z_A - aMean) / aSd, // 0.98058
      };
      expect(expected.x).toBeCloseTo(0.46408, 5);
      const items = (await ranking(challengeId, pm).expect(200)).body.items as Item[];
      const byId = Object.fromEntries(items.map((i) => [i.applicationId, i]));
      expect(byId[ids.x].normalisedScore).toBeCloseTo(expected.x, 9);
      expect(byId[ids.y].normalisedScore).toBeCloseTo(expected.y, 9);
      expect(byId[ids.z].normalisedScore).toBeCloseTo(expected.z, 9);
    });

    it('is visible to programme managers and the sponsor, not the panel or startups', async () => {
      await ranking(challengeId, sponsor).expect(200);
      await ranking(challengeId, a).expect(403);
      await ranking(challengeId, await h.make.startupMember()).expect(404);
      await ranking(challengeId, await h.make.sponsor()).expect(404);
      await ranking(challengeId, await h.make.assessor()).expect(404);
      await ranking('00000000-0000-4000-8000-000000000000', pm).expect(404);
    });
  });

  it('hides ranking and progress from a sponsor on the panel until their own scoring is done', async () => {
    const { challenge, sponsor } = await reviewChallenge(h);
    const [first, second] = [
      (await submittedApplication(h, challenge)).application,
      (await submittedApplication(h, challenge)).application,
    ];
    // A colleague of the sponsor holds both roles: sponsor of the challenge and panel member.
    const scorer = await h.make.sponsor(sponsor.organisationId);
    await h.make.addMembership(scorer.id, sponsor.organisationId, 'assessor');
    await h
      .http()
      .post(`/api/v1/challenges/${challenge.id}/assessors`)
      .set('authorization', pm.bearer)
      .send({ userId: scorer.id })
      .expect(201);
    const [x, y] = await assignPairs(h, pm, challenge.id, [
      { applicationId: first.id, assessor: scorer },
      { applicationId: second.id, assessor: scorer },
    ]);
    const progress = (who: TestUser) =>
      h
        .http()
        .get(`/api/v1/challenges/${challenge.id}/review-progress`)
        .set('authorization', who.bearer);

    await scoreAndSubmit(h, scorer, x, { impact: 3, feasibility: 2 });
    const hidden = await ranking(challenge.id, scorer).expect(403);
    expect(hidden.body.code).toBe('auth.forbidden');
    expect(hidden.body.detail).toMatch(/Submit your own assessments/);
    await progress(scorer).expect(403);
    // The sponsor's other staff and programme managers are not held back.
    await ranking(challenge.id, sponsor).expect(200);
    await ranking(challenge.id, pm).expect(200);

    await scoreAndSubmit(h, scorer, y, { impact: 4, feasibility: 3 });
    await ranking(challenge.id, scorer).expect(200);
    await progress(scorer).expect(200);
  });

  it('lets the normalised score correct for a harsh and a lenient assessor', async () => {
    // One criterion, weight 1 of max 10: weighted score = score × 10.
    const { challenge } = await reviewChallenge(h, {
      rubric: [{ key: 'overall', label: 'Overall', weight: 1, maxScore: 10 }],
    });
    const apps = [];
    for (let i = 0; i < 6; i++) apps.push((await submittedApplication(h, challenge)).application);
    const [harsh, lenient] = await panelOf(h, pm, challenge.id, 2);
    const ids = await assignPairs(h, pm, challenge.id, [
      ...apps.slice(0, 3).map((app) => ({ applicationId: app.id, assessor: harsh })),
      ...apps.slice(3).map((app) => ({ applicationId: app.id, assessor: lenient })),
    ]);
    // Harsh: 2, 3, 4 (→ 20, 30, 40). Lenient: 6, 7, 8 (→ 60, 70, 80). Same spread of opinion.
    const scores = [2, 3, 4, 6, 7, 8];
    for (let i = 0; i < 6; i++) {
      await scoreAndSubmit(h, i < 3 ? harsh : lenient, ids[i], { overall: scores[i] });
    }
    const items = (await ranking(challenge.id, pm).expect(200)).body.items as Item[];
    const byId = Object.fromEntries(items.map((i) => [i.applicationId, i]));
    const harshBest = byId[apps[2].id];
    const lenientWorst = byId[apps[3].id];
    // Raw: the lenient assessor's worst (60) outranks the harsh assessor's best (40)…
    expect(lenientWorst.weightedScore).toBeCloseTo(60, 9);
    expect(harshBest.weightedScore).toBeCloseTo(40, 9);
    expect(lenientWorst.rank).toBeLessThan(harshBest.rank as number);
    // …normalised, each is judged against its assessor: z = (40 − 30) / √(200/3) = +1.2247.
    const z = 10 / Math.sqrt(200 / 3);
    expect(harshBest.normalisedScore).toBeCloseTo(z, 9);
    expect(lenientWorst.normalisedScore).toBeCloseTo(-z, 9);
    expect(byId[apps[1].id].normalisedScore).toBeCloseTo(0, 9);
    expect(byId[apps[4].id].normalisedScore).toBeCloseTo(0, 9);
  });

  it('ranks 2,000 applications × 3 assessments in one query', async () => {
    const { challenge } = await reviewChallenge(h);
    const panel = await panelOf(h, pm, challenge.id, 6);
    const ds = h.dataSource();
    // Bulk rows in SQL: 2,000 companies and applications, each assessed by 3 of the 6 assessors
    // (rotating), every assessment submitted with deterministic scores on both criteria.
    await ds.query(
      `WITH orgs AS (
         INSERT INTO organisations (name, kind, version)
         SELECT 'Bulk startup ' || g, 'startup', 1 FROM generate_series(1, 2000) g
         RETURNING id),
       apps AS (
         INSERT INTO applications (challenge_id, round_id, startup_organisation_id, status,
                                   answers, submitted_at, version)
         SELECT $1, $2, id, 'submitted', '{}', now(), 1 FROM orgs
         RETURNING id),
       numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM apps)
       INSERT INTO assessments (application_id, assessor_user_id, challenge_id, status,
                                submitted_at, version)
       SELECT numbered.id, ($3::uuid[])[1 + ((numbered.n + k) % 6)], $1, 'submitted', now(), 1
         FROM numbered CROSS JOIN generate_series(0, 2) k`,
      [challenge.id, challenge.roundId, panel.map((p) => p.id)],
    );
    await ds.query(
      `INSERT INTO assessment_scores (assessment_id, criterion_key, score, max_score, weight)
       SELECT a.id, c.key, abs(hashtext(a.id::text || c.key)) % (c.max + 1), c.max, c.weight
         FROM assessments a
        CROSS JOIN (VALUES ('impact', 5, 2), ('feasibility', 10, 1)) AS c(key, max, weight)
        WHERE a.challenge_id = $1`,
      [challenge.id],
    );

    const service = h.api!.get(RankingService);
    const direct = await countQueries(ds, () => service.rank(challenge.id, 20));
    expect(direct.count).toBe(1);
    expect(direct.result).toHaveLength(2000);

    const viaHttp = await countQueries(ds, () => ranking(challenge.id, pm).expect(200));
    // The caller (token → actor), the challenge with the caller's panel seat, the ranking.
    expect(viaHttp.count).toBe(3);
    expect(viaHttp.queries.filter((q) => q.includes('assessment_scores'))).toHaveLength(1);

    const items = viaHttp.result.body.items as Item[];
    expect(items).toHaveLength(2000);
    expect(items.every((i) => i.assessmentsSubmitted === 3)).toBe(true);
    for (let i = 1; i < items.length; i++) {
      expect(items[i - 1].weightedScore as number).toBeGreaterThanOrEqual(
        items[i].weightedScore as number,
      );
    }
    // Review progress over the same challenge is a fixed number of queries too.
    const progress = await countQueries(ds, () =>
      h
        .http()
        .get(`/api/v1/challenges/${challenge.id}/review-progress`)
        .set('authorization', pm.bearer)
        .expect(200),
    );
    expect(progress.count).toBe(3);
    expect(progress.result.body.totals).toEqual({ assigned: 6000, submitted: 6000, conflicted: 0 });
    expect(progress.result.body.applications).toHaveLength(2000);
    const perAssessor: number[] = progress.result.body.assessors.map(
      (a: { assigned: number }) => a.assigned,
    );
    expect(perAssessor).toHaveLength(6);
    expect(perAssessor.reduce((sum, n) => sum + n, 0)).toBe(6000);

    // Cross-check the top application against its raw scores.
    const top = items[0];
    const rows: { assessment_id: string; score: string; max_score: string; weight: string }[] =
      await ds.query(
        `SELECT s.assessment_id, s.score, s.max_score, s.weight FROM assessment_scores s
           JOIN assessments a ON a.id = s.assessment_id WHERE a.application_id = $1`,
        [top.applicationId],
      );
    const perAssessment = new Map<string, { num: number; den: number }>();
    for (const r of rows) {
      const acc = perAssessment.get(r.assessment_id) ?? { num: 0, den: 0 };
      acc.num += (Number(r.weight) * Number(r.score)) / Number(r.max_score);
      acc.den += Number(r.weight);
      perAssessment.set(r.assessment_id, acc);
    }
    const weighted = [...perAssessment.values()].map((v) => (v.num / v.den) * 100);
    expect(top.weightedScore).toBeCloseTo(weighted.reduce((s, v) => s + v, 0) / 3, 9);
    expect(top.spread).toBeCloseTo(Math.max(...weighted) - Math.min(...weighted), 9);
  }, 20000);
});

describe('the ranking’s spread threshold setting', () => {
  const base = { DATABASE_URL: 'postgres://localhost/catalyst_test_config' };

  it('defaults to 20 points and refuses a value that is not a number of points', () => {
    expect(loadConfig(base).rankingSpreadThreshold).toBe(20);
    expect(loadConfig({ ...base, RANKING_SPREAD_THRESHOLD: '12.5' }).rankingSpreadThreshold).toBe(
      12.5,
    );
    expect(() => loadConfig({ ...base, RANKING_SPREAD_THRESHOLD: 'wide' })).toThrow(
      /RANKING_SPREAD_THRESHOLD/,
    );
    expect(() => loadConfig({ ...base, RANKING_SPREAD_THRESHOLD: '101' })).toThrow(
      /RANKING_SPREAD_THRESHOLD must be between 0 and 100/,
    );
  });

  describe('when set', () => {
    const h = new Harness({ env: { RANKING_SPREAD_THRESHOLD: '5' } });
    beforeAll(async () => {
      await h.setup();
      await h.startApi();
    });
    afterAll(() => h.teardown());

    it('is the default the ranking flags by', async () => {
      const pm = await h.make.programmeManager();
      const { challenge } = await reviewChallenge(h);
      const { application } = await submittedApplication(h, challenge);
      const [a, b] = await panelOf(h, pm, challenge.id, 2);
      const [first, second] = await assignPairs(h, pm, challenge.id, [
        { applicationId: application.id, assessor: a },
        { applicationId: application.id, assessor: b },
      ]);
      // (2 × 3/5 + 1 × 6/10) / 3 × 100 = 60 and (2 × 3/5 + 1 × 8/10) / 3 × 100 = 66.67: spread 6.67.
      await scoreAndSubmit(h, a, first, { impact: 3, feasibility: 6 });
      await scoreAndSubmit(h, b, second, { impact: 3, feasibility: 8 });
      const res = await h
        .http()
        .get(`/api/v1/challenges/${challenge.id}/ranking`)
        .set('authorization', pm.bearer)
        .expect(200);
      expect(res.body.threshold).toBe(5);
      expect(res.body.items[0]).toMatchObject({ flagged: true });
      expect(res.body.items[0].spread).toBeCloseTo(20 / 3, 9);
    });

    it('documents the assessment endpoints and the normalised score in OpenAPI', async () => {
      const doc = await h.http().get('/api/v1/openapi.json').expect(200);
      const paths = Object.keys(doc.body.paths);
      for (const path of [
        '/api/v1/challenges/{id}/assessors',
        '/api/v1/challenges/{id}/assessors/{userId}',
        '/api/v1/challenges/{id}/conflicts',
        '/api/v1/challenges/{id}/assignments',
        '/api/v1/challenges/{id}/assignments/bulk',
        '/api/v1/assessments',
        '/api/v1/assessments/{id}',
        '/api/v1/assessments/{id}/transitions',
        '/api/v1/challenges/{id}/review-progress',
        '/api/v1/challenges/{id}/ranking',
        '/api/v1/applications/{id}/moderation-notes',
      ]) {
        expect(paths).toContain(path);
      }
      const ranking = doc.body.paths['/api/v1/challenges/{id}/ranking'].get;
      expect(ranking.tags).toEqual(['assessment']);
      expect(ranking.security).toEqual([{ bearer: [] }]);
      const item = doc.body.components.schemas.RankingItemView;
      expect(item.properties.normalisedScore.description).toMatch(/z-score/);
      expect(item.properties.weightedScore.description).toMatch(/Σ\(weight × score \/ maxScore\)/);
    });
  });
});
