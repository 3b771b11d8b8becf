import { POST_PROGRAMME_KINDS } from '@catalyst/contracts';
import { ReportColumn, ReportRow, decimal, share } from '../render/report-content';
import type { BuildContext, ReportBuilder } from './build-context';
import { cursor } from './build-context';
import { pct } from './round-funnel.report';

const BATCH = 1000;

/**
 * The cohort considered ($1 round, $2 sponsor organisation, $3 programmes; null = any): the
 * round's teams, the sponsor's teams, or every team of the programmes. Counted contracts are
 * those the contracts library's impact totals count (contract-totals.sql.ts): post-programme
 * kinds ($4), awarded at some point, at their current value, won by a cohort company from any
 * public buyer — for a round, in the round's programme — "from another buyer" when the buyer
 * sponsored none of that company's teams in the cohort.
 */
const COUNTED = `
WITH cohort AS (
  SELECT t.startup_organisation_id, t.sponsor_organisation_id
    FROM teams t
   WHERE ($1::uuid IS NULL OR t.round_id = $1)
     AND ($2::uuid IS NULL OR t.sponsor_organisation_id = $2)
     AND ($3::uuid[] IS NULL OR t.programme_id = ANY($3::uuid[]))
),
counted AS (
  SELECT c.id, c.reference, c.kind, c.status, c.buyer_organisation_id, c.startup_organisation_id,
         c.currency, c.awarded_at, contract_current_value(c.id) AS value,
         NOT EXISTS (SELECT 1 FROM cohort k
                      WHERE k.startup_organisation_id = c.startup_organisation_id
                        AND k.sponsor_organisation_id = c.buyer_organisation_id) AS other_buyer
    FROM contracts c
   WHERE c.awarded_at IS NOT NULL
     AND c.kind = ANY($4::text[])
     AND ($3::uuid[] IS NULL OR c.programme_id = ANY($3::uuid[]))
     AND ($1::uuid IS NULL OR c.programme_id = (SELECT programme_id FROM rounds WHERE id = $1))
     AND c.startup_organisation_id IN (SELECT startup_organisation_id FROM cohort)
)`;

const ROWS_SQL = `${COUNTED}
SELECT k.id, k.reference, k.kind, k.status, b.name AS buyer, s.name AS startup, k.currency,
       k.value::text AS value, k.other_buyer AS "otherBuyer",
       to_char(k.awarded_at AT TIME ZONE $5, 'YYYY-MM-DD') AS "awardedOn",
       to_char(k.awarded_at AT TIME ZONE $5, 'YYYY-"Q"Q') AS quarter
  FROM counted k
  JOIN organisations b ON b.id = k.buyer_organisation_id
  JOIN organisations s ON s.id = k.startup_organisation_id
 ORDER BY k.id`;

const TOTALS_SQL = `${COUNTED}
SELECT currency, count(*)::int AS contracts, count(DISTINCT buyer_organisation_id)::int AS buyers,
       (count(*) FILTER (WHERE other_buyer))::int AS "fromOtherBuyers",
       COALESCE(sum(value), 0)::text AS value,
       COALESCE(sum(value) FILTER (WHERE other_buyer), 0)::text AS "valueFromOtherBuyers"
  FROM counted GROUP BY GROUPING SETS ((currency), ()) ORDER BY currency NULLS FIRST`;

const QUARTERS_SQL = `${COUNTED}
SELECT to_char(awarded_at AT TIME ZONE $5, 'YYYY-"Q"Q') AS quarter, currency,
       sum(value)::text AS value
  FROM counted GROUP BY 1, 2 ORDER BY 1, 2`;

/**
 * The cohort companies' current outcomes (not corrected by a later entry): investment summed
 * per currency; jobs as each company's latest jobs figure, summed.
 */
const OUTCOMES_SQL = `
WITH cohort AS (
  SELECT DISTINCT t.startup_organisation_id AS id
    FROM teams t
   WHERE ($1::uuid IS NULL OR t.round_id = $1)
     AND ($2::uuid IS NULL OR t.sponsor_organisation_id = $2)
     AND ($3::uuid[] IS NULL OR t.programme_id = ANY($3::uuid[]))
),
current AS (
  SELECT o.* FROM outcomes o
   WHERE o.organisation_id IN (SELECT id FROM cohort)
     AND NOT EXISTS (SELECT 1 FROM outcomes n WHERE n.corrects_outcome_id = o.id)
),
jobs AS (
  SELECT DISTINCT ON (organisation_id) organisation_id, count
    FROM current WHERE kind = 'jobs'
   ORDER BY organisation_id, reported_on DESC, created_at DESC
)
SELECT 'investment' AS kind, value_currency AS currency, sum(value_amount_minor)::text AS amount
  FROM current WHERE kind = 'investment' GROUP BY value_currency
UNION ALL
SELECT 'jobs', NULL, COALESCE(sum(count), 0)::text FROM jobs
ORDER BY 1, 2`;

interface ContractRow {
  id: string;
  reference: string;
  kind: string;
  status: string;
  buyer: string;
  startup: string;
  currency: string;
  value: string;
  otherBuyer: boolean;
  awardedOn: string;
  quarter: string;
}

export const IMPACT_COLUMNS: ReportColumn[] = [
  { key: 'contractId', label: 'Contract id', type: 'string' },
  { key: 'reference', label: 'Reference', type: 'string' },
  { key: 'kind', label: 'Kind', type: 'string' },
  { key: 'status', label: 'Status', type: 'string' },
  { key: 'buyer', label: 'Buyer', type: 'string' },
  { key: 'startup', label: 'Company', type: 'string' },
  { key: 'awardedOn', label: 'Awarded on', type: 'date' },
  { key: 'quarter', label: 'Quarter', type: 'string' },
  { key: 'value', label: 'Current value', type: 'decimal' },
  { key: 'currency', label: 'Currency', type: 'string' },
  { key: 'fromOtherBuyer', label: 'From a buyer other than the sponsor', type: 'boolean' },
];

/**
 * Impact: contracts after the programme (count, value per currency, distinct buyers, share won
 * from other buyers), investment and jobs, of a round's cohort, a sponsor's companies, or every
 * cohort of the requester's programmes. Aggregates are computed in SQL; the contract list
 * streams through a server-side cursor (one evaluation of the counted contracts, one batch in
 * memory), so its size does not matter.
 */
export const buildImpact: ReportBuilder = async (ctx: BuildContext) => {
  const { report, manager } = ctx;
  const kinds = [...POST_PROGRAMME_KINDS];
  const scope = [report.roundId, report.sponsorOrganisationId, report.programmeIds];
  const totals = await manager.query<
    {
      currency: string | null;
      contracts: number;
      buyers: number;
      fromOtherBuyers: number;
      value: string;
      valueFromOtherBuyers: string;
    }[]
  >(TOTALS_SQL, [...scope, kinds]);
  await ctx.progress(20);
  const quarters = await manager.query<{ quarter: string; currency: string; value: string }[]>(
    QUARTERS_SQL,
    [...scope, kinds, ctx.timezone],
  );
  const outcomes = await manager.query<{ kind: string; currency: string | null; amount: string }[]>(
    OUTCOMES_SQL,
    scope,
  );
  await ctx.progress(40);
  const overall = totals.find((t) => t.currency === null);
  const perCurrency = totals.filter((t) => t.currency !== null);
  const count = overall?.contracts ?? 0;
  let done = 0;
  const rows = (async function* (): AsyncGenerator<ReportRow> {
    const batches = cursor<ContractRow>(manager, ROWS_SQL, [...scope, kinds, ctx.timezone], BATCH);
    for await (const c of batches) {
      yield {
        contractId: c.id,
        reference: c.reference,
        kind: c.kind,
        status: c.status,
        buyer: c.buyer,
        startup: c.startup,
        awardedOn: c.awardedOn,
        quarter: c.quarter,
        value: decimal(c.value, c.currency),
        currency: c.currency,
        fromOtherBuyer: c.otherBuyer,
      };
      if (++done % BATCH === 0) await ctx.progress(40 + Math.floor((55 * done) / count));
    }
  })();
  const investment = outcomes.filter((o) => o.kind === 'investment');
  const jobs = outcomes.find((o) => o.kind === 'jobs')?.amount ?? '0';
  const money = (amount: string, currency: string) => `${currency} ${decimal(amount, currency)}`;
  return {
    title: 'Impact after the programme',
    subtitle:
      'Follow-on, commercial and framework call-off contracts won by the cohort’s companies',
    headline: [
      { label: 'Contracts', value: String(count) },
      ...perCurrency.map((t) => ({
        label: `Value (${t.currency})`,
        value: money(t.value, t.currency!),
      })),
      { label: 'Distinct buyers', value: String(overall?.buyers ?? 0) },
      {
        label: 'Won from buyers other than the sponsor',
        value: `${overall?.fromOtherBuyers ?? 0} (${pct(share(overall?.fromOtherBuyers ?? 0, count))})`,
      },
      ...investment.map((o) => ({
        label: `Investment raised (${o.currency})`,
        value: money(o.amount, o.currency!),
      })),
      { label: 'Jobs', value: jobs },
    ],
    charts: [
      {
        title: 'Contract value after the programme by quarter',
        description: `Current value of the contracts counted, by the quarter they were awarded in, per currency (${quarters.length} quarter and currency pairs).`,
        x: { field: 'quarter', title: 'Quarter awarded' },
        y: { field: 'value', title: 'Contract value' },
        color: { field: 'currency', title: 'Currency' },
        data: {
          title: 'Contract value by quarter',
          columns: [
            { key: 'quarter', label: 'Quarter', type: 'string' },
            { key: 'currency', label: 'Currency', type: 'string' },
            { key: 'value', label: 'Value', type: 'number' },
          ],
          rows: quarters.map((q) => ({
            quarter: q.quarter,
            currency: q.currency,
            value: Number(decimal(q.value, q.currency)),
          })),
        },
      },
    ],
    table: { title: 'Contracts counted', columns: IMPACT_COLUMNS, rows },
  };
};

/** The impact figures per currency (for the JSON and the tests). */
export function currencyShare(value: string, fromOther: string): number {
  return share(Number(fromOther), Number(value));
}
