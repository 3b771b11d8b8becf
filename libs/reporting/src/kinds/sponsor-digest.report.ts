import { Organisation } from '@catalyst/identity';
import { ReportBuildError } from '../reporting.errors';
import { ReportColumn, ReportRow } from '../render/report-content';
import type { BuildContext, ReportBuilder } from './build-context';
import { keyset } from './build-context';

const BATCH = 1000;

/** What a digest line is about, from the audit event's entity and action. */
const CATEGORY_SQL = `CASE
  WHEN e.entity_type = 'application' AND e.action IN ('application.submitted', 'application.withdrawn') THEN 'applications'
  WHEN e.entity_type = 'application' THEN 'decisions'
  WHEN e.entity_type = 'milestone' THEN 'milestones'
  ELSE 'contracts' END`;

/**
 * The audit trail of a sponsor's things in a period ($1 the sponsor, $2/$3 the period's start
 * and end as instants, $4 the programmes considered or null): its challenges' applications
 * (submissions, withdrawals, decisions — named by challenge, not by company), its teams'
 * milestones, and the contracts it sponsors or buys. Keyset on (at, seq).
 */
const EVENTS_SQL = `
SELECT e.at, e.seq::text AS seq, ${CATEGORY_SQL} AS category, e.action, e.to_state AS "toState",
       COALESCE(ch.title, ms.title || ' (' || ts.name || ')', ct.reference) AS subject
  FROM audit_events e
  LEFT JOIN applications a ON e.entity_type = 'application' AND e.entity_id = a.id::text
  LEFT JOIN challenges ch ON ch.id = a.challenge_id
  LEFT JOIN milestones ms ON e.entity_type = 'milestone' AND e.entity_id = ms.id::text
  LEFT JOIN teams tm ON tm.id = ms.team_id
  LEFT JOIN organisations ts ON ts.id = tm.startup_organisation_id
  LEFT JOIN contracts ct ON e.entity_type = 'contract' AND e.entity_id = ct.id::text
 WHERE e.at >= $2 AND e.at < $3
   AND e.entity_type IN ('application', 'milestone', 'contract')
   AND ($4::uuid[] IS NULL OR e.programme_id = ANY($4::uuid[]))
   AND (ch.sponsor_organisation_id = $1 OR tm.sponsor_organisation_id = $1
        OR ct.sponsor_organisation_id = $1 OR ct.buyer_organisation_id = $1)
   AND ($5::timestamptz IS NULL OR (e.at, e.seq) > ($5::timestamptz, $6::bigint))
 ORDER BY e.at, e.seq
 LIMIT ${BATCH}`;

const COUNTS_SQL = `
SELECT category, count(*)::int AS events FROM (
  ${EVENTS_SQL.replace(/ORDER BY e\.at, e\.seq\s+LIMIT \d+/, '')}
) x GROUP BY category`;

const CATEGORIES = ['applications', 'decisions', 'milestones', 'contracts'] as const;

export const SPONSOR_DIGEST_COLUMNS: ReportColumn[] = [
  { key: 'at', label: 'When', type: 'string' },
  { key: 'category', label: 'About', type: 'string' },
  { key: 'action', label: 'What happened', type: 'string' },
  { key: 'toState', label: 'New state', type: 'string', nullable: true },
  { key: 'subject', label: 'On', type: 'string', nullable: true },
];

/**
 * For one sponsor organisation, what changed in a period (inclusive dates, the instance's time
 * zone) on its challenges and teams: applications, decisions, milestones and contracts.
 */
export const buildSponsorDigest: ReportBuilder = async (ctx: BuildContext) => {
  const { report, manager } = ctx;
  const sponsor = await manager.findOneBy(Organisation, { id: report.sponsorOrganisationId ?? '' });
  if (!sponsor)
    throw new ReportBuildError('The sponsor organisation of this digest no longer exists.');
  const from = report.periodFrom!;
  const to = report.periodTo!;
  // The period's bounds as instants: its first day's midnight to the day after its last.
  const [endStart] = await manager.query<{ end: Date; start: Date }[]>(
    `SELECT ($1::date + 1)::timestamp AT TIME ZONE $2 AS "end", $3::date::timestamp AT TIME ZONE $2 AS "start"`,
    [to, ctx.timezone, from],
  );
  const params = [sponsor.id, endStart.start, endStart.end, report.programmeIds];
  const counts = await manager.query<{ category: string; events: number }[]>(COUNTS_SQL, [
    ...params,
    null,
    null,
  ]);
  await ctx.progress(30);
  const countOf = (c: string) => counts.find((x) => x.category === c)?.events ?? 0;
  const rows = (async function* (): AsyncGenerator<ReportRow> {
    const events = keyset<{
      at: Date;
      seq: string;
      category: string;
      action: string;
      toState: string | null;
      subject: string | null;
    }>(
      (after) => manager.query(EVENTS_SQL, [...params, after?.at ?? null, after?.seq ?? null]),
      BATCH,
    );
    for await (const e of events) {
      yield {
        at: new Date(e.at).toISOString(),
        category: e.category,
        action: e.action,
        toState: e.toState,
        subject: e.subject,
      };
    }
  })();
  return {
    title: `Sponsor digest: ${sponsor.name}`,
    subtitle: `What changed on its challenges and teams from ${from} to ${to}`,
    headline: CATEGORIES.map((c) => ({
      label: c[0].toUpperCase() + c.slice(1),
      value: String(countOf(c)),
    })),
    charts: [
      {
        title: 'Changes in the period',
        description: `Events on the sponsor's challenges and teams from ${from} to ${to}, by what they were about.`,
        x: { field: 'category', title: 'About', sort: [...CATEGORIES] },
        y: { field: 'events', title: 'Events' },
        data: {
          title: 'Events by what they were about',
          columns: [
            { key: 'category', label: 'About', type: 'string' },
            { key: 'events', label: 'Events', type: 'integer' },
          ],
          rows: CATEGORIES.map((c) => ({ category: c, events: countOf(c) })),
        },
      },
    ],
    table: { title: 'What happened', columns: SPONSOR_DIGEST_COLUMNS, rows },
  };
};
