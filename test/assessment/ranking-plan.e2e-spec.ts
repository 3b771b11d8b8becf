import { ASSESSABLE_APPLICATION_STATUSES } from '@catalyst/assessment';
import { RANKING_SQL } from '@catalyst/assessment/ranking/ranking.sql';
import {
  Harness,
  TestUser,
  assignPairs,
  panelOf,
  reviewChallenge,
  scoreAndSubmit,
  submittedApplication,
} from '@catalyst/testing';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/**
 * A challenge's ranking must cost what the challenge costs, not what the programme costs: its
 * plan reaches score rows only through the index on the challenge's own assessments. Checked
 * with EXPLAIN over a database where another challenge holds thousands of score rows (timings
 * would be flaky on a shared machine; the plan is what makes the cost).
 */
describe('the ranking’s query plan', () => {
  const h = new Harness();
  let pm: TestUser;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    pm = await h.make.programmeManager();
  });
  afterAll(() => h.teardown());

  /** `count` submitted applications of new companies, each scored by every one of `by`. */
  async function seed(challengeId: string, roundId: string, count: number, by: TestUser[]) {
    await h.dataSource().query(
      `WITH orgs AS (
       INSERT INTO organisations (name, kind, version)
       SELECT 'Seeded startup ' || g, 'startup', 1 FROM generate_series(1, $4::int) g
       RETURNING id),
     apps AS (
       INSERT INTO applications (challenge_id, round_id, startup_organisation_id, status,
                                 answers, submitted_at, version)
       SELECT $1, $2, id, 'submitted', '{}', now(), 1 FROM orgs
       RETURNING id)
     INSERT INTO assessments (application_id, assessor_user_id, challenge_id, status,
                              submitted_at, version)
     SELECT apps.id, assessor, $1, 'submitted', now(), 1
       FROM apps CROSS JOIN unnest($3::uuid[]) AS assessor`,
      [challengeId, roundId, by.map((p) => p.id), count],
    );
    await h.dataSource().query(
      `INSERT INTO assessment_scores (assessment_id, criterion_key, score, max_score, weight)
     SELECT a.id, c.key, c.max / 2, c.max, c.weight
       FROM assessments a
      CROSS JOIN (VALUES ('impact', 5, 2), ('feasibility', 10, 1)) AS c(key, max, weight)
      WHERE a.challenge_id = $1`,
      [challengeId],
    );
  }

  it('reads the scores of the challenge’s own assessments only, through an index', async () => {
    const ds = h.dataSource();
    // Elsewhere in the programme: 2,000 applications × 3 submitted assessments × 2 scores.
    const busy = await reviewChallenge(h);
    const crowd = await panelOf(h, pm, busy.challenge.id, 3);
    await seed(busy.challenge.id, busy.challenge.roundId, 2000, crowd);
    // The challenge ranked: 200 applications assessed three times, and two more by the API.
    const { challenge } = await reviewChallenge(h);
    const panel = await panelOf(h, pm, challenge.id, 3);
    await seed(challenge.id, challenge.roundId, 200, panel);
    const { application } = await submittedApplication(h, challenge);
    await submittedApplication(h, challenge);
    const [assessor] = await panelOf(h, pm, challenge.id, 1);
    const [assessmentId] = await assignPairs(h, pm, challenge.id, [
      { applicationId: application.id, assessor },
    ]);
    await scoreAndSubmit(h, assessor, assessmentId, { impact: 4, feasibility: 6 });
    await h.ownerQuery('ANALYZE');

    const rows: { 'QUERY PLAN': [{ Plan: PlanNode }] }[] = await ds.query(
      `EXPLAIN (FORMAT JSON) ${RANKING_SQL}`,
      [challenge.id, ASSESSABLE_APPLICATION_STATUSES, 20],
    );
    const all = nodes(rows[0]['QUERY PLAN'][0].Plan);
    const on = (table: string) => all.filter((n) => n['Relation Name'] === table);

    // Never a sequential scan of the scores (nor of the assessments): that is the whole programme.
    expect(on('assessment_scores').map((n) => n['Node Type'])).not.toContain('Seq Scan');
    expect(on('assessments').map((n) => n['Node Type'])).not.toContain('Seq Scan');
    // Scores through their primary key, per assessment of the challenge.
    expect(on('assessment_scores').length).toBeGreaterThan(0);
    for (const scan of on('assessment_scores')) {
      const index =
        scan['Node Type'] === 'Bitmap Heap Scan'
          ? (scan.Plans ?? []).find((p) => p['Node Type'] === 'Bitmap Index Scan')
          : scan;
      expect(index?.['Node Type']).toMatch(/^(Index Scan|Index Only Scan|Bitmap Index Scan)$/);
      expect(index?.['Index Name']).toMatch(/^PK_/);
    }
    // Nor of the programme's applications or companies.
    expect(on('applications').map((n) => n['Node Type'])).not.toContain('Seq Scan');
    expect(on('organisations').map((n) => n['Node Type'])).not.toContain('Seq Scan');

    // And the answer is still right for the challenge.
    const ranked: { application_id: string; assessments_submitted: number }[] = await ds.query(
      RANKING_SQL,
      [challenge.id, ASSESSABLE_APPLICATION_STATUSES, 20],
    );
    expect(ranked.map((r) => [r.application_id, r.assessments_submitted])).toContainEqual([
      application.id,
      1,
    ]);
  });
});
