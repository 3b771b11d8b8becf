/**
 * Progress of a set of teams, in one statement over the accelerator's own tables ($1 the team
 * ids, $2 today in the round's time zone). One row per team, in $1's order:
 *
 * - milestones: total, accepted, overdue (due before today and not accepted, as isOverdue);
 * - payments: per state (paid: recorded; payable: accepted, not recorded; planned: not yet
 *   accepted) and currency, the sum of milestone payments, as paymentTotals computes them;
 * - the latest progress update's RAG and time (DISTINCT ON, served by the team/createdAt index);
 * - the plan's state (draft when the team has no plan row yet).
 */
export const ROUND_PROGRESS_SQL = `
WITH t AS (
  SELECT team_id, ord FROM unnest($1::uuid[]) WITH ORDINALITY AS x(team_id, ord)
),
m AS (
  SELECT team_id,
         count(*)::int AS total,
         (count(*) FILTER (WHERE status = 'accepted'))::int AS accepted,
         (count(*) FILTER (WHERE status <> 'accepted' AND due_on < $2::date))::int AS overdue
    FROM milestones
   WHERE team_id = ANY($1::uuid[])
   GROUP BY team_id
),
sums AS (
  SELECT team_id,
         CASE WHEN paid_on IS NOT NULL THEN 'paid'
              WHEN status = 'accepted' THEN 'payable'
              ELSE 'planned' END AS state,
         payment_currency AS currency,
         sum(payment_amount_minor)::bigint AS amount
    FROM milestones
   WHERE team_id = ANY($1::uuid[]) AND payment_amount_minor IS NOT NULL
   GROUP BY 1, 2, 3
),
pay AS (
  SELECT team_id,
         json_agg(json_build_object('state', state, 'currency', currency, 'amountMinor', amount)
                  ORDER BY state, currency) AS payments
    FROM sums
   GROUP BY team_id
),
latest AS (
  SELECT DISTINCT ON (team_id) team_id, rag, created_at
    FROM progress_updates
   WHERE team_id = ANY($1::uuid[])
   ORDER BY team_id, created_at DESC, id DESC
)
SELECT t.team_id AS "teamId",
       COALESCE(p.status, 'draft') AS "planStatus",
       COALESCE(m.total, 0) AS "milestonesTotal",
       COALESCE(m.accepted, 0) AS "milestonesAccepted",
       COALESCE(m.overdue, 0) AS "overdue",
       latest.rag AS "latestRag",
       latest.created_at AS "lastUpdateAt",
       COALESCE(pay.payments, '[]'::json) AS "payments"
  FROM t
  LEFT JOIN m ON m.team_id = t.team_id
  LEFT JOIN pay ON pay.team_id = t.team_id
  LEFT JOIN latest ON latest.team_id = t.team_id
  LEFT JOIN milestone_plans p ON p.team_id = t.team_id
 ORDER BY t.ord
`;
