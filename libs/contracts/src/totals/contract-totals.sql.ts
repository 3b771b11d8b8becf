/**
 * The impact totals in one statement, per currency and overall (GROUPING SETS), never adding
 * amounts of different currencies. Each counted contract carries its *current* value
 * (`contract_current_value`: after amendments) and whether its buyer is "another buyer": not
 * the sponsor of any of the startup's teams in the cohort considered.
 *
 * Parameters: $1 the scope id (round, sponsor or buyer organisation), $2 the programmes
 * considered (null: all), $3 the contract kinds counted. A contract counts once it was
 * awarded (`awarded_at`), whatever happened after (active, completed, terminated).
 */
export type TotalsScope = 'round' | 'sponsor' | 'buyer';

const COHORT: Record<TotalsScope, string> = {
  // The round's cohort: its teams.
  round: `SELECT t.startup_organisation_id, t.sponsor_organisation_id FROM teams t WHERE t.round_id = $1`,
  // The sponsor's cohort companies: the teams it sponsored, in the programmes considered.
  sponsor: `SELECT t.startup_organisation_id, t.sponsor_organisation_id FROM teams t
             WHERE t.sponsor_organisation_id = $1 AND ($2::uuid[] IS NULL OR t.programme_id = ANY($2::uuid[]))`,
  // Every team in the programmes considered: whom each startup was sponsored by.
  buyer: `SELECT t.startup_organisation_id, t.sponsor_organisation_id FROM teams t
           WHERE $1::uuid IS NOT NULL AND ($2::uuid[] IS NULL OR t.programme_id = ANY($2::uuid[]))`,
};

const COUNTED: Record<TotalsScope, string> = {
  // A round's impact: contracts its cohort companies won from any buyer, linked or not, in the
  // round's programme.
  round: `c.startup_organisation_id IN (SELECT startup_organisation_id FROM cohort)
          AND c.programme_id = (SELECT programme_id FROM rounds WHERE id = $1)`,
  sponsor: `c.startup_organisation_id IN (SELECT startup_organisation_id FROM cohort)`,
  buyer: `c.buyer_organisation_id = $1`,
};

export function contractTotalsSql(scope: TotalsScope): string {
  return `
    WITH cohort AS (${COHORT[scope]}),
    counted AS (
      SELECT c.id, c.buyer_organisation_id, c.currency,
             contract_current_value(c.id) AS value,
             NOT EXISTS (
               SELECT 1 FROM cohort k
                WHERE k.startup_organisation_id = c.startup_organisation_id
                  AND k.sponsor_organisation_id = c.buyer_organisation_id
             ) AS other_buyer
        FROM contracts c
       WHERE c.awarded_at IS NOT NULL
         AND c.kind = ANY($3::text[])
         AND ($2::uuid[] IS NULL OR c.programme_id = ANY($2::uuid[]))
         AND ${COUNTED[scope]}
    )
    SELECT currency,
           count(*)::int AS contracts,
           count(DISTINCT buyer_organisation_id)::int AS buyers,
           (count(*) FILTER (WHERE other_buyer))::int AS from_other_buyers,
           COALESCE(sum(value), 0)::text AS value,
           COALESCE(sum(value) FILTER (WHERE other_buyer), 0)::text AS value_from_other_buyers
      FROM counted
     GROUP BY GROUPING SETS ((currency), ())
     ORDER BY currency NULLS FIRST`;
}
