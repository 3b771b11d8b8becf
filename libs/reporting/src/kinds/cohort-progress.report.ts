import { ROUND_PROGRESS_SQL } from '@catalyst/accelerator/progress/round-progress.sql';
import { Round } from '@catalyst/rounds';
import { ReportBuildError } from '../reporting.errors';
import { ReportColumn, ReportRow, decimal } from '../render/report-content';
import type { BuildContext, ReportBuilder } from './build-context';
import { dateIn, fromArray } from './build-context';

const TEAMS_SQL = `
SELECT t.id AS "teamId", s.name AS "startup", c.title AS "challenge", sp.name AS "sponsor"
  FROM teams t
  JOIN organisations s ON s.id = t.startup_organisation_id
  JOIN organisations sp ON sp.id = t.sponsor_organisation_id
  JOIN challenges c ON c.id = t.challenge_id
 WHERE t.round_id = $1 AND ($2::uuid IS NULL OR t.sponsor_organisation_id = $2)
 ORDER BY s.name, t.id`;

/** Accepted milestones of the cohort per sprint, by the day (round's time zone) of acceptance. */
const PER_SPRINT_SQL = `
SELECT sp.number AS "sprint",
       (COUNT(m.id))::int AS "accepted"
  FROM sprints sp
  LEFT JOIN milestones m
    ON m.team_id = ANY($2::uuid[]) AND m.status = 'accepted'
   AND (m.accepted_at AT TIME ZONE $3)::date BETWEEN sp.starts_on AND sp.ends_on
 WHERE sp.round_id = $1
 GROUP BY sp.number
 ORDER BY sp.number`;

interface ProgressRow {
  teamId: string;
  milestonesTotal: number;
  milestonesAccepted: number;
  overdue: number;
  latestRag: string | null;
  lastUpdateAt: Date | null;
  payments: { state: string; currency: string; amountMinor: string | number }[];
}

export const COHORT_PROGRESS_COLUMNS: ReportColumn[] = [
  { key: 'teamId', label: 'Team id', type: 'string' },
  { key: 'startup', label: 'Startup', type: 'string' },
  { key: 'challenge', label: 'Challenge', type: 'string' },
  { key: 'sponsor', label: 'Sponsor', type: 'string' },
  { key: 'milestones', label: 'Milestones', type: 'integer' },
  { key: 'accepted', label: 'Accepted', type: 'integer' },
  { key: 'due', label: 'Due (not overdue)', type: 'integer' },
  { key: 'overdue', label: 'Overdue', type: 'integer' },
  { key: 'latestRag', label: 'Latest RAG', type: 'string', nullable: true },
  { key: 'lastUpdateOn', label: 'Last update', type: 'date', nullable: true },
  { key: 'currency', label: 'Currency', type: 'string', nullable: true },
  { key: 'paid', label: 'Paid', type: 'decimal', nullable: true },
  { key: 'payable', label: 'Payable', type: 'decimal', nullable: true },
];

/**
 * Per team of the round (the sponsor's teams, when the report is a sponsor's): milestones
 * accepted, due and overdue (overdue: due before today in the round's time zone and not
 * accepted, as the accelerator counts it), the latest RAG, and per currency the milestone
 * payments paid (recorded) and payable (accepted, not yet recorded) — one row per team and
 * currency, a team without payments one row with no currency.
 */
export const buildCohortProgress: ReportBuilder = async (ctx: BuildContext) => {
  const round = await ctx.manager.findOneBy(Round, { id: ctx.report.roundId ?? '' });
  if (!round) throw new ReportBuildError('The round of this report no longer exists.');
  const today = dateIn(round.timezone, ctx.now);
  const teams = await ctx.manager.query<
    { teamId: string; startup: string; challenge: string; sponsor: string }[]
  >(TEAMS_SQL, [round.id, ctx.report.sponsorOrganisationId]);
  await ctx.progress(20);
  const ids = teams.map((t) => t.teamId);
  const progress = await ctx.manager.query<ProgressRow[]>(ROUND_PROGRESS_SQL, [ids, today]);
  await ctx.progress(60);
  const perSprint = await ctx.manager.query<{ sprint: number; accepted: number }[]>(
    PER_SPRINT_SQL,
    [round.id, ids, round.timezone],
  );
  await ctx.progress(80);
  const rows: ReportRow[] = [];
  const totals = { milestones: 0, accepted: 0, overdue: 0 };
  const rag: Record<string, number> = { green: 0, amber: 0, red: 0 };
  teams.forEach((team, i) => {
    const p = progress[i];
    totals.milestones += p.milestonesTotal;
    totals.accepted += p.milestonesAccepted;
    totals.overdue += p.overdue;
    if (p.latestRag) rag[p.latestRag] += 1;
    const base = {
      ...team,
      milestones: p.milestonesTotal,
      accepted: p.milestonesAccepted,
      due: p.milestonesTotal - p.milestonesAccepted - p.overdue,
      overdue: p.overdue,
      latestRag: p.latestRag,
      lastUpdateOn: p.lastUpdateAt ? dateIn(round.timezone, new Date(p.lastUpdateAt)) : null,
    };
    const currencies = [...new Set(p.payments.map((x) => x.currency))].sort();
    if (currencies.length === 0) rows.push({ ...base, currency: null, paid: null, payable: null });
    for (const currency of currencies) {
      const amount = (state: string) =>
        p.payments
          .filter((x) => x.currency === currency && x.state === state)
          .reduce((a, x) => a + BigInt(x.amountMinor), 0n);
      rows.push({
        ...base,
        currency,
        paid: decimal(amount('paid'), currency),
        payable: decimal(amount('payable'), currency),
      });
    }
  });
  return {
    title: `Cohort progress: ${round.name}`,
    subtitle: `Milestones, RAG and payments per team, as of ${today}`,
    headline: [
      { label: 'Teams', value: String(teams.length) },
      { label: 'Milestones accepted', value: `${totals.accepted} of ${totals.milestones}` },
      { label: 'Overdue', value: String(totals.overdue) },
      { label: 'Latest RAG', value: `${rag.green} green · ${rag.amber} amber · ${rag.red} red` },
    ],
    charts: [
      {
        title: 'Milestones accepted per sprint',
        description: `Milestones of the cohort accepted in each of the round's ${perSprint.length} sprints.`,
        x: { field: 'sprint', title: 'Sprint', sort: perSprint.map((s) => `Sprint ${s.sprint}`) },
        y: { field: 'accepted', title: 'Milestones accepted' },
        data: {
          title: 'Milestones accepted per sprint',
          columns: [
            { key: 'sprint', label: 'Sprint', type: 'string' },
            { key: 'accepted', label: 'Accepted', type: 'integer' },
          ],
          rows: perSprint.map((s) => ({ sprint: `Sprint ${s.sprint}`, accepted: s.accepted })),
        },
      },
    ],
    table: { title: 'Per team', columns: COHORT_PROGRESS_COLUMNS, rows: fromArray(rows) },
  };
};
