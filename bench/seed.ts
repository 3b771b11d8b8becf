import type { Client } from 'pg';

/**
 * A long-running programme, built in PostgreSQL itself: every table is filled by one
 * `INSERT … SELECT` over `generate_series` (set-based, no row-at-a-time round trips), so scale 1
 * seeds in minutes. At scale 1: 40 rounds × 12 challenges × 120 applications (57,600), 3
 * assessments each with 3–5 criteria, one extra challenge with 2,000 applications, 480 teams
 * × 10 milestones and 8 progress updates, 3,000 contracts with amendments and payments,
 * 200,000 notifications and 1,000,000 audit events. Other scales multiply the rounds and the
 * volumes; the 2,000-application challenge stays 2,000 (its ranking must not grow with the rest).
 *
 * So that the reminder scan has work, the latest completed round is in its accelerator today
 * (144 teams at scale 1, in sprint 5 of 8: milestones due today, about half of the earlier ones
 * overdue, no progress update yet for the sprint ending today), the first open round closes in
 * 5 days with drafts in it, each sponsor has sponsor-role members, and the contracts of earlier
 * cohorts end within 90 days as their dates fall.
 */
export interface SeedCounts {
  rounds: number;
  openRounds: number;
  challengesPerRound: number;
  applicationsPerChallenge: number;
  bigChallengeApplications: number;
  startups: number;
  assessors: number;
  teams: number;
  /** Teams of the round in its accelerator now (part of `teams`): the reminders' cohort. */
  acceleratorTeams: number;
  /** Sponsor-role members of each sponsor (told of their milestones and contracts). */
  sponsorMembers: number;
  contracts: number;
  notifications: number;
  auditEvents: number;
  /** Startups (each with one member) kept without applications, for the write measurements. */
  writePool: number;
}

export function countsFor(scale: number, writePool: number): SeedCounts {
  const rounds = Math.max(3, Math.round(40 * scale));
  return {
    rounds,
    openRounds: Math.max(1, Math.round(rounds / 4)),
    challengesPerRound: 12,
    applicationsPerChallenge: 120,
    bigChallengeApplications: 2000,
    startups: 2000,
    assessors: 200,
    teams: Math.round(480 * scale),
    acceleratorTeams: Math.min(Math.round(480 * scale), Math.max(12, Math.round(144 * scale))),
    sponsorMembers: 1,
    contracts: Math.round(3000 * scale),
    notifications: Math.round(200_000 * scale),
    auditEvents: Math.round(1_000_000 * scale),
    writePool,
  };
}

export interface SeededIds {
  programmeId: string;
  operatorId: string;
  pmUserId: string;
  pmEmail: string;
  bigChallengeId: string;
  progressRoundId: string;
  /** The round in its accelerator now (sprints, milestones due and overdue). */
  acceleratorRoundId: string;
  /** The zone of that round, chosen so that its "today" is a working day after 09:00. */
  acceleratorZone: string;
  openChallengeIds: string[];
  writePool: { userId: string; organisationId: string }[];
}

const LOREM =
  'Public services across the region need a better way to understand demand before it ' +
  'arrives. Today, teams rely on spreadsheets compiled weekly from several systems that do ' +
  'not talk to each other, and the picture is out of date by the time it is shared. We are ' +
  'looking for a product that brings these sources together, explains what it sees in plain ' +
  'language and helps staff plan the week ahead. ';

/** Seeds `counts` into an empty, migrated database; every user's password hash is `hash`. */
export async function seed(
  db: Client,
  counts: SeedCounts,
  passwordHash: string,
): Promise<SeededIds> {
  const q = async (sql: string, params: unknown[] = []): Promise<unknown[]> =>
    (await db.query(sql, params)).rows as unknown[];
  const one = async <T = string>(sql: string, params: unknown[] = []) =>
    (await q(sql, params))[0] as T;
  const c = counts;
  const count = async (table: string) =>
    Number((await one<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).n);

  await q('BEGIN');
  const operatorId = (
    await one<{ id: string }>(
      `INSERT INTO organisations (name, kind, version) VALUES ('Bench Operator', 'operator', 1) RETURNING id`,
    )
  ).id;
  const programmeId = (
    await one<{ id: string }>(
      `INSERT INTO programmes (operator_organisation_id, name, slug, timezone, currency, version)
       VALUES ($1, 'Bench programme', 'bench', 'Europe/London', 'GBP', 1) RETURNING id`,
      [operatorId],
    )
  ).id;
  // A second, small programme of another operator, so programme filters have work to do.
  const otherOperator = (
    await one<{ id: string }>(
      `INSERT INTO organisations (name, kind, version) VALUES ('Other Operator', 'operator', 1) RETURNING id`,
    )
  ).id;
  await q(
    `INSERT INTO programmes (operator_organisation_id, name, slug, timezone, currency, version)
     VALUES ($1, 'Other programme', 'other', 'Europe/London', 'GBP', 1)`,
    [otherOperator],
  );

  // Organisations: 20 sponsors, the startups, the write pool's startups.
  await q(
    `INSERT INTO organisations (name, kind, version)
     SELECT 'Sponsor ' || i, 'sponsor', 1 FROM generate_series(1, 20) i`,
  );
  await q(
    `INSERT INTO organisations (name, kind, sme, website, version)
     SELECT 'Startup ' || lpad(i::text, 5, '0'), 'startup', true, 'https://startup' || i || '.example', 1
       FROM generate_series(1, $1::int) i`,
    [c.startups],
  );
  await q(
    `INSERT INTO organisations (name, kind, sme, version)
     SELECT 'Writer ' || lpad(i::text, 5, '0'), 'startup', true, 1 FROM generate_series(1, $1::int) i`,
    [c.writePool],
  );

  // Users: the programme manager, assessors (members of the sponsors), one member per startup.
  const pmEmail = 'pm@bench.example';
  const pmUserId = (
    await one<{ id: string }>(
      `INSERT INTO users (email, name, password_hash, version) VALUES ($1, 'Bench PM', $2, 1) RETURNING id`,
      [pmEmail, passwordHash],
    )
  ).id;
  await q(
    `INSERT INTO memberships (user_id, organisation_id, role) VALUES ($1, $2, 'programme_manager')`,
    [pmUserId, operatorId],
  );
  await q(
    `INSERT INTO users (email, name, password_hash, version)
     SELECT 'assessor' || i || '@bench.example', 'Assessor ' || i, $2, 1 FROM generate_series(1, $1::int) i`,
    [c.assessors, passwordHash],
  );
  // Each sponsor's own people (told of their teams' milestones and of contracts ending).
  await q(
    `INSERT INTO users (email, name, password_hash, version)
     SELECT 'sponsor-' || lower(replace(o.name, ' ', '-')) || '-' || k || '@bench.example',
            'Sponsor lead ' || k || ' of ' || o.name, $2, 1
       FROM organisations o CROSS JOIN generate_series(1, $1::int) k WHERE o.kind = 'sponsor'`,
    [c.sponsorMembers, passwordHash],
  );
  await q(
    `INSERT INTO memberships (user_id, organisation_id, role)
     SELECT u.id, o.id, 'sponsor'
       FROM organisations o
       JOIN users u ON u.email LIKE 'sponsor-' || lower(replace(o.name, ' ', '-')) || '-%@bench.example'
      WHERE o.kind = 'sponsor'`,
  );
  await q(
    `WITH s AS (SELECT id, row_number() OVER (ORDER BY name) - 1 AS n FROM organisations WHERE kind = 'sponsor')
     INSERT INTO memberships (user_id, organisation_id, role)
     SELECT u.id, s.id, 'assessor'
       FROM (SELECT id, row_number() OVER (ORDER BY email) - 1 AS n FROM users WHERE email LIKE 'assessor%') u
       JOIN s ON s.n = u.n % 20`,
  );
  await q(
    `INSERT INTO users (email, name, password_hash, version)
     SELECT 'member-' || lower(replace(o.name, ' ', '-')) || '@bench.example', 'Member of ' || o.name, $1, 1
       FROM organisations o WHERE o.kind = 'startup'`,
    [passwordHash],
  );
  await q(
    `INSERT INTO memberships (user_id, organisation_id, role)
     SELECT u.id, o.id, 'startup_member'
       FROM organisations o
       JOIN users u ON u.email = 'member-' || lower(replace(o.name, ' ', '-')) || '@bench.example'
      WHERE o.kind = 'startup'`,
  );

  // Rounds: one a quarter over the years, the last `openRounds` open now, the one before them
  // in assessment (it holds the 2,000-application challenge), the rest completed.
  await q(
    `INSERT INTO rounds (programme_id, name, timezone, status, opens_at, closes_at,
                         accelerator_starts_on, accelerator_ends_on, blind_review, closed_at, version)
     SELECT $1, 'Round ' || i, 'Europe/London',
            CASE WHEN i > $2::int - $3::int THEN 'open'
                 WHEN i = $2::int - $3::int THEN 'assessment' ELSE 'completed' END,
            now() - (($2::int - i) * 91 + 30) * interval '1 day',
            CASE WHEN i > $2::int - $3::int THEN now() + (i - ($2::int - $3::int)) * interval '20 days'
                 ELSE now() - (($2::int - i) * 91 - 30) * interval '1 day' END,
            (now() - ($2::int - i) * interval '91 days')::date + 40,
            (now() - ($2::int - i) * interval '91 days')::date + 130,
            i % 3 = 0,
            CASE WHEN i <= $2::int - $3::int THEN now() - ($2::int - i) * interval '91 days' END,
            1
       FROM generate_series(1, $2::int) i`,
    [programmeId, c.rounds, c.openRounds],
  );

  // The latest completed round is in its accelerator today: sprint 5 of 8 (14 days each) ends
  // today in the round's zone. The first open round closes in 5 days (its drafts are reminded).
  const accelerator = acceleratorToday(new Date());
  const acceleratorRoundId = (
    await one<{ id: string }>(
      `UPDATE rounds SET status = 'accelerator', timezone = $3,
              accelerator_starts_on = $4::date - 69, accelerator_ends_on = $4::date + 43
        WHERE programme_id = $1 AND name = 'Round ' || $2::int RETURNING id`,
      [programmeId, c.rounds - c.openRounds - 1, accelerator.zone, accelerator.today],
    )
  ).id;
  await q(
    `UPDATE rounds SET closes_at = now() + interval '5 days'
      WHERE programme_id = $1 AND name = 'Round ' || $2::int`,
    [programmeId, c.rounds - c.openRounds + 1],
  );

  // Challenges: 12 a round, sponsors in turn, a problem statement of a realistic length.
  await q(
    `WITH r AS (SELECT id, status, opens_at, row_number() OVER (ORDER BY opens_at) AS n
                  FROM rounds WHERE programme_id = $1),
          s AS (SELECT id, row_number() OVER (ORDER BY name) - 1 AS n FROM organisations WHERE kind = 'sponsor')
     INSERT INTO challenges (round_id, programme_id, sponsor_organisation_id, title, summary,
                             problem_statement, tags, budget, questions, rubric, status,
                             published_at, created_at, version)
     SELECT r.id, $1, s.id, 'Challenge ' || r.n || '.' || j,
            'How might we help front-line teams plan for demand (round ' || r.n || ', challenge ' || j || ')?',
            repeat($2, 4),
            ARRAY['data', CASE WHEN j % 2 = 0 THEN 'health' ELSE 'transport' END],
            '{"accelerator": {"amountMinor": 5000000, "currency": "GBP"}}',
            $3::jsonb, $4::jsonb,
            CASE WHEN r.status = 'completed' THEN 'closed' ELSE 'published' END,
            r.opens_at, r.opens_at - interval '10 days', 1
       FROM r CROSS JOIN generate_series(1, $5::int) j
       JOIN s ON s.n = (r.n * 12 + j) % 20`,
    [
      programmeId,
      LOREM,
      JSON.stringify([
        { key: 'approach', label: 'Your approach', type: 'text', required: false, maxLength: 2000 },
        { key: 'team_size', label: 'Team size', type: 'number', required: false },
      ]),
      JSON.stringify([
        { key: 'impact', label: 'Impact', weight: 3, maxScore: 10 },
        { key: 'feasibility', label: 'Feasibility', weight: 2, maxScore: 10 },
        { key: 'value', label: 'Value for money', weight: 1, maxScore: 10 },
        { key: 'team', label: 'Team', weight: 1, maxScore: 5 },
        { key: 'fit', label: 'Fit', weight: 1, maxScore: 5 },
      ]),
      c.challengesPerRound,
    ],
  );
  const bigChallengeId = (
    await one<{ id: string }>(
      `INSERT INTO challenges (round_id, programme_id, sponsor_organisation_id, title, summary,
                               problem_statement, budget, questions, rubric, status, published_at, version)
       SELECT r.id, $1, (SELECT id FROM organisations WHERE kind = 'sponsor' ORDER BY name LIMIT 1),
              'The big challenge', 'Two thousand companies applied', repeat($2, 4),
              '{"accelerator": {"amountMinor": 5000000, "currency": "GBP"}}', '[]', '[]',
              'published', r.opens_at, 1
         FROM rounds r WHERE r.programme_id = $1 AND r.status = 'assessment'
       RETURNING id`,
      [programmeId, LOREM],
    )
  ).id;

  // Applications: 120 companies per challenge, created while the round was open.
  await q(
    `WITH ch AS (SELECT c.id, c.round_id, r.opens_at, r.closes_at, r.status AS round_status,
                        row_number() OVER (ORDER BY r.opens_at, c.title) - 1 AS n
                   FROM challenges c JOIN rounds r ON r.id = c.round_id
                  WHERE c.programme_id = $1 AND c.id <> $2),
          s AS (SELECT id, row_number() OVER (ORDER BY name) - 1 AS n
                  FROM organisations WHERE kind = 'startup' AND name LIKE 'Startup %')
     INSERT INTO applications (challenge_id, round_id, programme_id, startup_organisation_id, status,
                               answers, submitted_at, created_at, version)
     SELECT ch.id, ch.round_id, $1, s.id,
            CASE WHEN ch.round_status = 'open' THEN (CASE WHEN i % 5 = 0 THEN 'draft' ELSE 'submitted' END)
                 WHEN i % 10 = 0 THEN 'selected' WHEN i % 10 < 3 THEN 'shortlisted' ELSE 'rejected' END,
            jsonb_build_object('approach', left($3, 300), 'team_size', 3 + i % 8),
            CASE WHEN ch.round_status = 'open' AND i % 5 = 0 THEN NULL
                 ELSE least(ch.closes_at, now()) - (i % 7) * interval '1 day' END,
            least(ch.closes_at, now()) - (10 + i % 20) * interval '1 day' + i * interval '1 minute',
            1
       FROM ch CROSS JOIN generate_series(0, $4::int - 1) i
       JOIN s ON s.n = (ch.n * 37 + i) % $5::int`,
    [programmeId, bigChallengeId, LOREM, c.applicationsPerChallenge, c.startups],
  );
  await q(
    `WITH s AS (SELECT id, row_number() OVER (ORDER BY name) - 1 AS n
                  FROM organisations WHERE kind = 'startup' AND name LIKE 'Startup %')
     INSERT INTO applications (challenge_id, round_id, programme_id, startup_organisation_id, status,
                               answers, submitted_at, created_at, version)
     SELECT c.id, c.round_id, $1, s.id, 'submitted', '{"approach": "Ours"}',
            now() - interval '40 days', now() - interval '45 days' + s.n * interval '1 minute', 1
       FROM challenges c JOIN s ON s.n < $3::int WHERE c.id = $2`,
    [programmeId, bigChallengeId, c.bigChallengeApplications],
  );

  // Assessments: 3 per submitted application, by assessors of the panel, 3–5 criteria each.
  await q(
    `WITH u AS (SELECT id, row_number() OVER (ORDER BY email) - 1 AS n FROM users WHERE email LIKE 'assessor%'),
          a AS (SELECT id, challenge_id, submitted_at, row_number() OVER (ORDER BY id) - 1 AS n
                  FROM applications WHERE programme_id = $1 AND status <> 'draft')
     INSERT INTO assessments (application_id, assessor_user_id, challenge_id, programme_id, status,
                              comment, submitted_at, created_at, version)
     SELECT a.id, u.id, a.challenge_id, $1, 'submitted', 'Clear plan; the team has done this before.',
            a.submitted_at + interval '5 days', a.submitted_at + interval '1 day', 1
       FROM a CROSS JOIN generate_series(0, 2) k
       JOIN u ON u.n = (abs(hashtext(a.challenge_id::text)) % 60 + k * 67) % $2::int`,
    [programmeId, c.assessors],
  );
  await q(
    `INSERT INTO challenge_assessors (challenge_id, user_id, created_at)
     SELECT DISTINCT challenge_id, assessor_user_id, min(created_at) OVER (PARTITION BY challenge_id)
       FROM assessments WHERE programme_id = $1`,
    [programmeId],
  );
  await q(
    `INSERT INTO assessment_scores (assessment_id, criterion_key, score, max_score, weight)
     SELECT a.id, (ARRAY['impact','feasibility','value','team','fit'])[k],
            (abs(hashtext(a.id::text || k)) % 11)::numeric * (CASE WHEN k > 3 THEN 0.5 ELSE 1 END),
            CASE WHEN k > 3 THEN 5 ELSE 10 END, (ARRAY[3,2,1,1,1])[k]
       FROM assessments a
       CROSS JOIN generate_series(1, 5) k
      WHERE a.programme_id = $1 AND k <= 3 + abs(hashtext(a.challenge_id::text)) % 3`,
    [programmeId],
  );

  // Teams: selected applications of the latest rounds (the accelerator round's cohort first),
  // 10 milestones, 8 sprints, 8 updates.
  await q(
    `UPDATE applications SET status = 'selected'
      WHERE id IN (SELECT id FROM applications WHERE round_id = $1 AND status <> 'selected'
                    ORDER BY id LIMIT greatest(0, $2::int - (SELECT count(*) FROM applications
                                                 WHERE round_id = $1 AND status = 'selected')))`,
    [acceleratorRoundId, c.acceleratorTeams],
  );
  await q(
    `WITH cohort AS (SELECT id FROM applications WHERE round_id = $3 AND status = 'selected'
                      ORDER BY created_at DESC LIMIT $4::int),
          earlier AS (SELECT id FROM applications
                       WHERE programme_id = $1 AND status = 'selected' AND round_id <> $3
                       ORDER BY created_at DESC LIMIT $2::int - $4::int)
     INSERT INTO teams (round_id, application_id, startup_organisation_id, challenge_id,
                        sponsor_organisation_id, programme_id, created_at)
     SELECT a.round_id, a.id, a.startup_organisation_id, a.challenge_id, c.sponsor_organisation_id,
            $1, a.submitted_at + interval '30 days'
       FROM applications a JOIN challenges c ON c.id = a.challenge_id
      WHERE a.id IN (SELECT id FROM cohort UNION ALL SELECT id FROM earlier)`,
    [programmeId, c.teams, acceleratorRoundId, c.acceleratorTeams],
  );
  await q(
    `INSERT INTO sprints (round_id, number, starts_on, ends_on, length_days)
     SELECT r.id, n, r.accelerator_starts_on + (n - 1) * 14, r.accelerator_starts_on + n * 14 - 1, 14
       FROM rounds r CROSS JOIN generate_series(1, 8) n
      WHERE r.id IN (SELECT DISTINCT round_id FROM teams WHERE programme_id = $1)`,
    [programmeId],
  );
  await q(
    `INSERT INTO milestone_plans (team_id, status, agreed_at, version)
     SELECT id, 'agreed', created_at + interval '7 days', 1 FROM teams WHERE programme_id = $1`,
    [programmeId],
  );
  await q(
    `INSERT INTO milestones (team_id, title, description, due_on, sprint_id, payment_amount_minor,
                             payment_currency, status, accepted_at, paid_on, payment_reference, version)
     SELECT t.id, 'Milestone ' || n, 'Deliver part ' || n, sp.ends_on, sp.id, 500000, 'GBP',
            CASE WHEN n <= 6 THEN 'accepted' WHEN n = 7 THEN 'submitted' ELSE 'planned' END,
            CASE WHEN n <= 6 THEN sp.ends_on + 2 END,
            CASE WHEN n <= 4 THEN sp.ends_on + 10 END,
            CASE WHEN n <= 4 THEN 'PO-' || n END, 1
       FROM teams t CROSS JOIN generate_series(1, 10) n
       JOIN sprints sp ON sp.round_id = t.round_id AND sp.number = least(n, 8)
      WHERE t.programme_id = $1`,
    [programmeId],
  );
  await q(
    `INSERT INTO progress_updates (team_id, sprint_id, author_user_id, rag, summary, created_at, version)
     SELECT t.id, sp.id, m.user_id, (ARRAY['green','amber','red'])[1 + abs(hashtext(t.id::text || sp.number)) % 3],
            'Sprint ' || sp.number || ': demos done, users interviewed.', sp.ends_on::timestamptz, 1
       FROM teams t
       JOIN sprints sp ON sp.round_id = t.round_id
       JOIN memberships m ON m.organisation_id = t.startup_organisation_id AND m.role = 'startup_member'
      WHERE t.programme_id = $1`,
    [programmeId],
  );

  // The accelerator cohort today: earlier milestones accepted, submitted or overdue (about half
  // still open), today's in progress (due), later ones planned; no progress update yet for the
  // sprint ending today or any later one.
  await q(
    `UPDATE milestones m
        SET status = CASE WHEN m.due_on > $2::date THEN 'planned'
                          WHEN m.due_on = $2::date THEN 'in_progress'
                          ELSE (ARRAY['accepted','submitted','in_progress','changes_requested'])
                                 [1 + abs(hashtext(m.id::text)) % 4] END,
            submitted_at = CASE WHEN m.due_on < $2::date AND abs(hashtext(m.id::text)) % 4 <> 2
                                THEN m.due_on::timestamptz END,
            accepted_at = CASE WHEN m.due_on < $2::date AND abs(hashtext(m.id::text)) % 4 = 0
                               THEN least(m.due_on + 2, $2::date)::timestamptz END,
            changes_requested_reason = CASE WHEN m.due_on < $2::date AND abs(hashtext(m.id::text)) % 4 = 3
                                            THEN 'Please add the user research.' END,
            paid_on = NULL, payment_reference = NULL
       FROM teams t
      WHERE t.id = m.team_id AND t.round_id = $1`,
    [acceleratorRoundId, accelerator.today],
  );
  await q(
    `DELETE FROM progress_updates p USING sprints s
      WHERE s.id = p.sprint_id AND s.round_id = $1 AND s.ends_on >= $2::date`,
    [acceleratorRoundId, accelerator.today],
  );

  // Contracts: spread over the teams, each with an amendment (half of them) and payments.
  await q(
    `WITH t AS (SELECT id, round_id, application_id, startup_organisation_id, sponsor_organisation_id,
                       created_at, row_number() OVER (ORDER BY id) - 1 AS n
                  FROM teams WHERE programme_id = $1)
     INSERT INTO contracts (programme_id, round_id, team_id, application_id, buyer_organisation_id,
                            startup_organisation_id, sponsor_organisation_id, kind, reference, title,
                            procurement_route, value_amount_minor, currency, starts_on, ends_on, status,
                            awarded_at, version)
     SELECT $1, t.round_id, t.id, CASE WHEN i < 5 * $3::int THEN t.application_id END,
            t.sponsor_organisation_id, t.startup_organisation_id, t.sponsor_organisation_id,
            (ARRAY['exploration','accelerator','follow_on','commercial','framework_call_off'])[1 + (i / $3::int) % 5],
            'C-' || lpad(i::text, 6, '0'), 'Contract ' || i, 'direct_award', 2500000 + (i % 50) * 10000, 'GBP',
            t.created_at::date, t.created_at::date + 180,
            CASE WHEN i % 3 = 2 THEN 'awarded' ELSE 'active' END, t.created_at, 1
       FROM generate_series(0, $2::int - 1) i JOIN t ON t.n = i % $3::int`,
    [programmeId, c.contracts, await count('teams')],
  );
  await q(
    `INSERT INTO contract_amendments (contract_id, number, kind, ends_on, reason)
     SELECT id, 1, 'extension', ends_on + 90, 'More time for the pilot'
       FROM contracts WHERE programme_id = $1 AND right(reference, 1) IN ('0','2','4','6','8')`,
    [programmeId],
  );
  await q(
    `INSERT INTO contract_payments (contract_id, kind, amount_minor, currency, paid_on, reference)
     SELECT id, 'payment', value_amount_minor / 4, currency, starts_on + 30 * n, reference || '-' || n
       FROM contracts CROSS JOIN generate_series(1, 2) n WHERE programme_id = $1`,
    [programmeId],
  );
  // Completed after their payments (the guards refuse amendments and payments once closed).
  await q(
    `UPDATE contracts SET status = 'completed', closed_at = now()
      WHERE programme_id = $1 AND status = 'active' AND right(reference, 1) IN ('1','4','7')`,
    [programmeId],
  );

  // Notifications and the audit trail, over every user and every kind of thing.
  await q(
    `WITH u AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM users)
     INSERT INTO notifications (user_id, kind, title, body, link, subject_type, subject_id, read_at, created_at)
     SELECT u.id, 'application.submitted', 'An application was submitted', 'Startup applied to a challenge.',
            '/applications', 'application', i::text, CASE WHEN i % 3 > 0 THEN now() END,
            now() - i * interval '20 minutes'
       FROM generate_series(0, $1::int - 1) i JOIN u ON u.n = i % $2::int`,
    [c.notifications, await count('users')],
  );
  await q(
    `INSERT INTO audit_events (actor_id, action, entity_type, entity_id, from_state, to_state,
                               programme_id, operator_organisation_id, data, at)
     SELECT $2, (ARRAY['application.submitted','assessment.submitted','milestone.accepted','contract.awarded'])[1 + i % 4],
            (ARRAY['application','assessment','milestone','contract'])[1 + i % 4],
            md5(i::text)::uuid::text, 'draft', 'submitted', $1, $3, '{"by": "bench"}',
            now() - (($4::int - i) * interval '5 minutes')
       FROM generate_series(1, $4::int) i`,
    [programmeId, pmUserId, operatorId, c.auditEvents],
  );
  await q('COMMIT');
  await q('ANALYZE');

  const progressRoundId = (
    await one<{ round_id: string }>(
      `SELECT round_id FROM teams WHERE programme_id = $1 GROUP BY round_id ORDER BY count(*) DESC, round_id LIMIT 1`,
      [programmeId],
    )
  ).round_id;
  const openChallengeIds = (
    await q(
      `SELECT c.id FROM challenges c JOIN rounds r ON r.id = c.round_id
        WHERE r.status = 'open' AND c.status = 'published' AND r.programme_id = $1 ORDER BY c.id`,
      [programmeId],
    )
  ).map((r) => (r as { id: string }).id);
  const writePool = (
    await q(
      `SELECT m.user_id AS "userId", m.organisation_id AS "organisationId"
         FROM memberships m JOIN organisations o ON o.id = m.organisation_id
        WHERE o.name LIKE 'Writer %' ORDER BY o.name`,
    )
  ).map((r) => r as { userId: string; organisationId: string });
  return {
    programmeId,
    operatorId,
    pmUserId,
    pmEmail,
    bigChallengeId,
    progressRoundId,
    acceleratorRoundId,
    acceleratorZone: accelerator.zone,
    openChallengeIds,
    writePool,
  };
}

/** Zones tried in turn for the accelerator round, so that its "today" suits the reminders. */
const ZONES = [
  'Europe/London',
  'Asia/Tokyo',
  'Pacific/Auckland',
  'Pacific/Kiritimati',
  'Asia/Kolkata',
  'America/New_York',
  'America/Los_Angeles',
  'Pacific/Honolulu',
];

/**
 * The accelerator round's zone and its local date now: the first zone where it is a working
 * day between 09:00 and 20:00 (the "no progress update" reminder is sent on a sprint's last
 * working day from 09:00), else London (at weekends that reminder is not due anywhere).
 */
export function acceleratorToday(now: Date): { zone: string; today: string } {
  const local = (zone: string) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-CA', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        hourCycle: 'h23',
        weekday: 'short',
      })
        .formatToParts(now)
        .map((p) => [p.type, p.value]),
    );
    return {
      zone,
      today: `${parts.year}-${parts.month}-${parts.day}`,
      hour: Number(parts.hour),
      workingDay: !['Sat', 'Sun'].includes(parts.weekday),
    };
  };
  const found = ZONES.map(local).find((z) => z.workingDay && z.hour >= 9 && z.hour < 20);
  const { zone, today } = found ?? local('Europe/London');
  return { zone, today };
}

/** Row counts of the seeded tables, for the report. */
export async function tableCounts(db: Client): Promise<Record<string, number>> {
  const tables = [
    'rounds',
    'challenges',
    'applications',
    'assessments',
    'assessment_scores',
    'teams',
    'milestones',
    'sprints',
    'progress_updates',
    'contracts',
    'contract_amendments',
    'contract_payments',
    'notifications',
    'audit_events',
  ];
  const out: Record<string, number> = {};
  for (const t of tables) {
    const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`);
    out[t] = Number(rows[0].n);
  }
  return out;
}
