import { Round } from '@catalyst/rounds';
import { ReportBuildError } from '../reporting.errors';
import { ReportColumn, ReportRow, share } from '../render/report-content';
import type { BuildContext, ReportBuilder } from './build-context';
import { fromArray } from './build-context';

/**
 * Per challenge of the round (the sponsor's only, when the report is a sponsor's), by the
 * applications' current status: started (every application), submitted (ever submitted),
 * eligible (submitted, not found ineligible), shortlisted (shortlisted, exploration or
 * selected), selected. The SME share is of the submitted ones; the assessment spread of an
 * application is max − min of its submitted assessments' weighted scores (0–100, as the
 * ranking computes them), the median over the challenge's applications with two or more.
 */
export const ROUND_FUNNEL_SQL = `
WITH apps AS (
  SELECT a.id, a.challenge_id, a.status, a.submitted_at, o.sme
    FROM applications a
    JOIN organisations o ON o.id = a.startup_organisation_id
   WHERE a.round_id = $1
),
weighted AS (
  SELECT x.application_id,
         SUM(s.weight * s.score / s.max_score) / SUM(s.weight) * 100 AS weighted
    FROM assessments x
    JOIN assessment_scores s ON s.assessment_id = x.id
   WHERE x.status = 'submitted' AND x.application_id IN (SELECT id FROM apps)
   GROUP BY x.id, x.application_id
),
spread AS (
  SELECT application_id, MAX(weighted) - MIN(weighted) AS spread
    FROM weighted GROUP BY application_id HAVING COUNT(*) >= 2
)
SELECT c.id AS "challengeId", c.title AS "challenge", sp.name AS "sponsor",
       COUNT(a.id)::int AS "started",
       (COUNT(a.id) FILTER (WHERE a.submitted_at IS NOT NULL))::int AS "submitted",
       (COUNT(a.id) FILTER (WHERE a.submitted_at IS NOT NULL AND a.status <> 'ineligible'))::int AS "eligible",
       (COUNT(a.id) FILTER (WHERE a.status IN ('shortlisted', 'exploration', 'selected')))::int AS "shortlisted",
       (COUNT(a.id) FILTER (WHERE a.status = 'selected'))::int AS "selected",
       (COUNT(a.id) FILTER (WHERE a.submitted_at IS NOT NULL AND a.sme IS TRUE))::int AS "smeSubmitted",
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY sd.spread))::numeric, 1)::float8 AS "medianSpread"
  FROM challenges c
  JOIN organisations sp ON sp.id = c.sponsor_organisation_id
  LEFT JOIN apps a ON a.challenge_id = c.id
  LEFT JOIN spread sd ON sd.application_id = a.id
 WHERE c.round_id = $1 AND ($2::uuid IS NULL OR c.sponsor_organisation_id = $2)
 GROUP BY c.id, c.title, sp.name
 ORDER BY c.title, c.id`;

interface FunnelRow {
  challengeId: string;
  challenge: string;
  sponsor: string;
  started: number;
  submitted: number;
  eligible: number;
  shortlisted: number;
  selected: number;
  smeSubmitted: number;
  medianSpread: number | null;
}

export const ROUND_FUNNEL_COLUMNS: ReportColumn[] = [
  { key: 'challengeId', label: 'Challenge id', type: 'string' },
  { key: 'challenge', label: 'Challenge', type: 'string' },
  { key: 'sponsor', label: 'Sponsor', type: 'string' },
  { key: 'started', label: 'Started', type: 'integer' },
  { key: 'submitted', label: 'Submitted', type: 'integer' },
  { key: 'eligible', label: 'Eligible', type: 'integer' },
  { key: 'shortlisted', label: 'Shortlisted', type: 'integer' },
  { key: 'selected', label: 'Selected', type: 'integer' },
  { key: 'submittedRate', label: 'Submitted ÷ started', type: 'number' },
  { key: 'shortlistedRate', label: 'Shortlisted ÷ submitted', type: 'number' },
  { key: 'selectedRate', label: 'Selected ÷ shortlisted', type: 'number' },
  { key: 'conversion', label: 'Selected ÷ submitted', type: 'number' },
  { key: 'smeShare', label: 'SME share of submitted', type: 'number' },
  {
    key: 'medianSpread',
    label: 'Median assessment spread (points)',
    type: 'number',
    nullable: true,
  },
];

const STAGES = ['started', 'submitted', 'eligible', 'shortlisted', 'selected'] as const;

export const buildRoundFunnel: ReportBuilder = async (ctx: BuildContext) => {
  const round = await ctx.manager.findOneBy(Round, { id: ctx.report.roundId ?? '' });
  if (!round) throw new ReportBuildError('The round of this report no longer exists.');
  await ctx.progress(10);
  const found = await ctx.manager.query<FunnelRow[]>(ROUND_FUNNEL_SQL, [
    round.id,
    ctx.report.sponsorOrganisationId,
  ]);
  await ctx.progress(60);
  const rows: ReportRow[] = found.map((r) => ({
    challengeId: r.challengeId,
    challenge: r.challenge,
    sponsor: r.sponsor,
    started: r.started,
    submitted: r.submitted,
    eligible: r.eligible,
    shortlisted: r.shortlisted,
    selected: r.selected,
    submittedRate: share(r.submitted, r.started),
    shortlistedRate: share(r.shortlisted, r.submitted),
    selectedRate: share(r.selected, r.shortlisted),
    conversion: share(r.selected, r.submitted),
    smeShare: share(r.smeSubmitted, r.submitted),
    medianSpread: r.medianSpread,
  }));
  const sum = (k: 'submitted' | 'selected' | 'smeSubmitted') => found.reduce((a, r) => a + r[k], 0);
  const stageRows = found.flatMap((r) =>
    STAGES.map((stage) => ({ challenge: r.challenge, stage, applications: r[stage] })),
  );
  return {
    title: `Round funnel: ${round.name}`,
    subtitle: 'Applications at each stage, per challenge, by their current status',
    headline: [
      { label: 'Challenges', value: String(found.length) },
      { label: 'Applications submitted', value: String(sum('submitted')) },
      { label: 'Selected', value: String(sum('selected')) },
      { label: 'Selected ÷ submitted', value: pct(share(sum('selected'), sum('submitted'))) },
      { label: 'SME share of submitted', value: pct(share(sum('smeSubmitted'), sum('submitted'))) },
    ],
    charts: [
      {
        title: 'Funnel per challenge',
        description: `Applications started, submitted, eligible, shortlisted and selected for each of the round's ${found.length} challenges.`,
        x: { field: 'stage', title: 'Stage', sort: [...STAGES] },
        y: { field: 'applications', title: 'Applications' },
        color: { field: 'challenge', title: 'Challenge' },
        data: {
          title: 'Applications per stage and challenge',
          columns: [
            { key: 'challenge', label: 'Challenge', type: 'string' },
            { key: 'stage', label: 'Stage', type: 'string' },
            { key: 'applications', label: 'Applications', type: 'integer' },
          ],
          rows: stageRows,
        },
      },
    ],
    table: { title: 'Per challenge', columns: ROUND_FUNNEL_COLUMNS, rows: fromArray(rows) },
  };
};

export function pct(value: number): string {
  return `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
}
