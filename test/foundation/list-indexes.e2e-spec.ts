import { Harness, QueryCall, TestUser, countQueries } from '@catalyst/testing';

/**
 * Every list's sort is served by an index: with thousands of rows, each list endpoint's own
 * SQL (captured as the service sends it, parameters included) is planned without a Sort over a
 * sequential scan. A missing index shows up here as such a Sort.
 *
 * 4,000 rows a table (10,000 applications) is enough: dropping an index the lists use (e.g.
 * `rounds_opens_idx`, `notifications_user_created_idx`) makes its test fail. Fewer rows make
 * the planner more inclined, not less, to sort a sequential scan, so a missing index cannot
 * hide; well below this (400) it sorts small tables even with the index. LIST_TEST_ROWS sets
 * another volume.
 */
const N = Number(process.env.LIST_TEST_ROWS ?? 4_000);
const APPLICATIONS = N * 2.5;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

/** Sort nodes that read (somewhere beneath them) a whole table in a sequential scan. */
function sortsOverSeqScans(node: PlanNode, underSort = false): string[] {
  const found: string[] = [];
  if (underSort && node['Node Type'] === 'Seq Scan') found.push(node['Relation Name'] ?? '?');
  const sorting = underSort || node['Node Type'] === 'Sort';
  for (const child of node.Plans ?? []) found.push(...sortsOverSeqScans(child, sorting));
  return found;
}

function describePlan(node: PlanNode, depth = 0): string {
  const line = `${'  '.repeat(depth)}${node['Node Type']}${node['Relation Name'] ? ` on ${node['Relation Name']}` : ''}`;
  return [line, ...(node.Plans ?? []).map((c) => describePlan(c, depth + 1))].join('\n');
}

describe('list queries at volume', () => {
  const h = new Harness();
  let pm: TestUser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    pm = await h.make.programmeManager();
    const one = async (sql: string) => {
      const [row] = await h.ownerQuery<{ id: string }>(sql);
      return row.id;
    };
    ids.operator = pm.organisationId;
    ids.sponsor = await one(
      `INSERT INTO organisations (name, kind, version) VALUES ('Big Sponsor', 'sponsor', 1) RETURNING id`,
    );
    // Organisations (startups), users with memberships in one organisation.
    await h.ownerQuery(
      `INSERT INTO organisations (name, kind, sme, version)
       SELECT 'Startup ' || i, 'startup', true, 1 FROM generate_series(1, ${N}) i`,
    );
    await h.ownerQuery(
      `INSERT INTO users (email, name, password_hash, version)
       SELECT 'user' || i || '@example.test', 'User ' || i, 'x', 1 FROM generate_series(1, ${N}) i`,
    );
    await h.ownerQuery(
      `INSERT INTO memberships (user_id, organisation_id, role)
       SELECT id, '${ids.sponsor}', 'assessor' FROM users WHERE email LIKE 'user%@example.test'`,
    );
    await h.ownerQuery(
      `INSERT INTO invitations (organisation_id, email, role, token_hash, expires_at, invited_by_user_id)
       SELECT '${ids.sponsor}', 'invitee' || i || '@example.test', 'sponsor', 'hash' || i,
              now() + interval '7 days', '${pm.id}'
       FROM generate_series(1, ${N}) i`,
    );
    // Rounds, most of them open and closing in the future; one challenge each.
    await h.ownerQuery(
      `INSERT INTO rounds (programme_id, name, timezone, status, opens_at, closes_at,
                           accelerator_starts_on, accelerator_ends_on, version)
       SELECT '${(await h.make.defaultProgramme()).id}', 'Round ' || i, 'Europe/London',
              CASE WHEN i % 10 = 0 THEN 'draft' ELSE 'open' END,
              now() - (i || ' minutes')::interval, now() + (i || ' hours')::interval,
              DATE '2030-01-01', DATE '2030-04-01', 1
       FROM generate_series(1, ${N}) i`,
    );
    ids.round = await one(`SELECT id FROM rounds ORDER BY opens_at DESC LIMIT 1`);
    await h.ownerQuery(
      `INSERT INTO challenges (round_id, sponsor_organisation_id, title, summary, problem_statement,
                               budget, questions, rubric, status, published_at, created_at, version)
       SELECT r.id, '${ids.sponsor}', 'Challenge ' || r.name, 'Summary', 'Problem', '{}', '[]', '[]',
              'published', now(), now() - (random() * interval '300 days'), 1
       FROM rounds r`,
    );
    ids.challenge = await one(
      `SELECT c.id FROM challenges c WHERE c.round_id = '${ids.round}' LIMIT 1`,
    );
    // Applications: 50 challenges, each with N / 20 companies' applications.
    await h.ownerQuery(
      `WITH c AS (SELECT id, round_id, row_number() OVER (ORDER BY id) - 1 AS n
                    FROM challenges ORDER BY id LIMIT 50),
            s AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n
                    FROM organisations WHERE kind = 'startup')
       INSERT INTO applications (challenge_id, round_id, startup_organisation_id, status, answers,
                                 submitted_at, created_at, version)
       SELECT c.id, c.round_id, s.id, 'submitted', '{}', now(),
              now() - (random() * interval '300 days'), 1
       FROM generate_series(0, ${APPLICATIONS - 1}) i
       JOIN c ON c.n = i % 50
       JOIN s ON s.n = i / 50`,
    );
    ids.bigChallenge = await one(
      `SELECT challenge_id AS id FROM applications GROUP BY challenge_id ORDER BY count(*) DESC LIMIT 1`,
    );
    ids.application = await one(
      `SELECT id FROM applications WHERE challenge_id = '${ids.bigChallenge}' LIMIT 1`,
    );
    // The whole user population on the big challenge's panel; each assesses some applications.
    await h.ownerQuery(
      `INSERT INTO challenge_assessors (challenge_id, user_id, created_at)
       SELECT '${ids.bigChallenge}', id, now() - (random() * interval '30 days')
       FROM users WHERE email LIKE 'user%@example.test'`,
    );
    await h.ownerQuery(
      `WITH u AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n
                    FROM users WHERE email LIKE 'user%@example.test')
       INSERT INTO assessments (application_id, assessor_user_id, challenge_id, created_at, version)
       SELECT a.id, u.id, a.challenge_id, now() - (random() * interval '30 days'), 1
       FROM (SELECT id, challenge_id, row_number() OVER (ORDER BY id) - 1 AS n FROM applications) a
       JOIN u ON u.n = a.n % ${N}`,
    );
    await h.ownerQuery(
      `WITH u AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n
                    FROM users WHERE email LIKE 'user%@example.test'),
            s AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n
                    FROM organisations WHERE kind = 'startup')
       INSERT INTO conflict_declarations (assessor_user_id, startup_organisation_id, challenge_id,
                                          reason, declared_by_user_id, created_at)
       SELECT u.id, s.id, '${ids.bigChallenge}', 'Former employer', u.id,
              now() - (random() * interval '30 days')
       FROM u JOIN s ON s.n = u.n`,
    );
    await h.ownerQuery(
      `INSERT INTO moderation_notes (application_id, challenge_id, author_user_id, body, created_at)
       SELECT '${ids.application}', '${ids.bigChallenge}', '${pm.id}', 'Note ' || i,
              now() - (random() * interval '30 days')
       FROM generate_series(1, ${N}) i`,
    );
    await h.ownerQuery(
      `INSERT INTO teams (round_id, application_id, startup_organisation_id, challenge_id,
                          sponsor_organisation_id, created_at)
       SELECT '${ids.round}', a.id, a.startup_organisation_id, a.challenge_id, '${ids.sponsor}',
              now() - (random() * interval '30 days')
       FROM applications a LIMIT ${N}`,
    );
    await h.ownerQuery(
      `INSERT INTO contracts (programme_id, buyer_organisation_id, startup_organisation_id,
                             sponsor_organisation_id, kind, reference, title, procurement_route,
                             value_amount_minor, currency, starts_on, ends_on, status, created_at, version)
       SELECT r.programme_id, '${ids.sponsor}', t.startup_organisation_id, '${ids.sponsor}',
              'follow_on', 'REF-' || row_number() OVER (), 'Contract', 'direct_award', 100000, 'GBP',
              DATE '2030-01-01', DATE '2030-06-30', 'draft',
              now() - (random() * interval '300 days'), 1
       FROM teams t JOIN rounds r ON r.id = t.round_id`,
    );
    // Amendments on every other contract: the list reads each contract's latest end date.
    await h.ownerQuery(
      `INSERT INTO contract_amendments (contract_id, number, kind, ends_on, reason)
       SELECT id, n, 'extension', DATE '2030-06-30' + 30 * n, 'More time'
       FROM contracts CROSS JOIN generate_series(1, 2) n WHERE right(reference, 1) IN ('0','2','4','6','8')`,
    );
    await h.ownerQuery(
      `INSERT INTO notifications (user_id, kind, title, body, subject_type, subject_id, created_at)
       SELECT '${pm.id}', 'thing', 'Title ' || i, 'Body', 'thing', 'e' || i,
              now() - (i || ' seconds')::interval
       FROM generate_series(1, ${N}) i`,
    );
    await h.ownerQuery(
      `INSERT INTO audit_events (actor_id, action, entity_type, entity_id, at)
       SELECT '${pm.id}', 'thing.step', 'thing', 'e' || (i % 100), now() - (i || ' seconds')::interval
       FROM generate_series(1, ${APPLICATIONS}) i`,
    );
    await h.ownerQuery('ANALYZE');
  }, 600_000);
  afterAll(() => h.teardown());

  /** The list's own SQL, as the API sent it for `path`. */
  async function listQueries(path: string, bearer?: string): Promise<QueryCall[]> {
    const { calls } = await countQueries(h.dataSource(), async () => {
      const req = h.http().get(path);
      const res = await (bearer ? req.set('authorization', bearer) : req);
      if (res.status !== 200) {
        throw new Error(`GET ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
      }
    });
    const lists = calls.filter((c) => /ORDER BY/i.test(c.sql) && /LIMIT/i.test(c.sql));
    if (!lists.length) throw new Error(`GET ${path} sent no paginated query`);
    return lists;
  }

  async function plansOf(calls: QueryCall[]): Promise<PlanNode[]> {
    const plans: PlanNode[] = [];
    for (const call of calls) {
      const [row] = await h
        .dataSource()
        .query<{ 'QUERY PLAN': { Plan: PlanNode }[] }[]>(`EXPLAIN (FORMAT JSON) ${call.sql}`, [
          ...call.parameters,
        ]);
      plans.push(row['QUERY PLAN'][0].Plan);
    }
    return plans;
  }

  // Every row has all three fields: with fewer, Jest would pass `done` as the third argument.
  const lists: [string, () => string, 'signed in' | 'anonymous'][] = [
    ['applications (programme manager)', () => '/api/v1/applications', 'signed in'],
    [
      'applications of a challenge',
      () => `/api/v1/applications?challengeId=${ids.bigChallenge}`,
      'signed in',
    ],
    ['challenges', () => '/api/v1/challenges', 'signed in'],
    ['rounds', () => '/api/v1/rounds', 'signed in'],
    ['assessments', () => '/api/v1/assessments', 'signed in'],
    ['conflicts', () => `/api/v1/challenges/${ids.bigChallenge}/conflicts`, 'signed in'],
    ['panel', () => `/api/v1/challenges/${ids.bigChallenge}/assessors`, 'signed in'],
    [
      'moderation notes',
      () => `/api/v1/applications/${ids.application}/moderation-notes`,
      'signed in',
    ],
    ['audit', () => '/api/v1/audit', 'signed in'],
    ['audit of an entity', () => '/api/v1/audit?entityType=thing&entityId=e7', 'signed in'],
    ['organisations', () => '/api/v1/organisations', 'signed in'],
    ['members', () => `/api/v1/organisations/${ids.sponsor}/members`, 'signed in'],
    ['invitations', () => `/api/v1/organisations/${ids.sponsor}/invitations`, 'signed in'],
    ['public challenges', () => '/api/v1/public/challenges', 'anonymous'],
    ['cohort', () => `/api/v1/rounds/${ids.round}/cohort`, 'signed in'],
    ['teams (programme manager)', () => '/api/v1/teams', 'signed in'],
    ['contracts (programme manager)', () => '/api/v1/contracts', 'signed in'],
    ['notifications', () => '/api/v1/notifications', 'signed in'],
  ];

  it.each(lists)('serves the sort of %s from an index', async (_name, path, caller) => {
    const calls = await listQueries(path(), caller === 'anonymous' ? undefined : pm.bearer);
    for (const plan of await plansOf(calls)) {
      const offenders = sortsOverSeqScans(plan);
      if (offenders.length) {
        throw new Error(
          `a Sort over a sequential scan of ${offenders.join(', ')}:\n${describePlan(plan)}`,
        );
      }
    }
  });
});
