/**
 * The ranking of one stage of one challenge, in one statement ($1 challenge id, $2 assessable
 * application statuses, $3 spread threshold; for STAGE_RANKING_SQL also $4 the stage key and
 * $5 whether it is the first stage, which every assessable application is in: a later stage
 * lists only the applications a programme manager entered into it). RANKING_SQL is the first
 * stage's (`sift`), the one-stage challenge of before stages.
 *
 * Its cost depends on the challenge only: every base table is reached from the challenge id
 * (applications and assessments through their challenge indexes) and each assessment's
 * scores through a LATERAL subquery, i.e. an index scan on the scores' primary key per
 * assessment. (Joining the scores and grouping let the planner hash-join a sequential scan of
 * every score row of the programme; joining organisations by hash read every company.)
 * Unscored applications join the aggregate by UNION ALL rather than by an outer join on a CTE.
 * test/assessment/ranking-plan.e2e-spec.ts checks the plan with EXPLAIN.
 *
 * - per_assessment: each submitted assessment's weighted score,
 *   Σ(weight × score / maxScore) / Σ weight × 100, from the weights and maxima snapshotted with
 *   its scores. Conflicted and open assessments never enter, nor do those of an assessor
 *   conflicted with the company in any way (a conflict declared anywhere, membership of the
 *   company, or of any company that applied to this challenge: `competitors`), even while the
 *   assessment itself still reads `submitted` (e.g. a conflict declared in another challenge,
 *   which is not shown to the assessor there: see ConflictsService.declare).
 * - z: each assessment's z-score among all submitted assessments of the same assessor in this
 *   challenge, (x − mean) / stddev_pop, 0 when the assessor's scores do not vary.
 * - per_application: weighted score = mean of its assessments' weighted scores; normalised =
 *   mean of their z-scores; spread = max − min of the weighted scores; flagged when spread > $3.
 * - Every assessable application appears; those without a submitted assessment have null
 *   scores and rank, and come last. Equal weighted scores share a rank (1, 2, 2, 4).
 */
function rankingSql(stageKey: string, inStage: string): string {
  return `
WITH competitors AS MATERIALIZED (
  SELECT DISTINCT cm.user_id
    FROM applications cap
    JOIN memberships cm ON cm.organisation_id = cap.startup_organisation_id
   WHERE cap.challenge_id = $1 AND cap.status <> 'draft'
),
per_assessment AS (
  SELECT a.application_id, a.assessor_user_id, w.weighted
    FROM assessments a
    JOIN applications ap ON ap.id = a.application_id AND ap.challenge_id = $1
   CROSS JOIN LATERAL (
         SELECT SUM(s.weight * s.score / s.max_score) / SUM(s.weight) * 100 AS weighted
           FROM assessment_scores s
          WHERE s.assessment_id = a.id) w
   WHERE a.challenge_id = $1
     AND a.stage_key = ${stageKey}
     AND a.status = 'submitted'
     AND ap.status = ANY($2::text[])
     AND w.weighted IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM conflict_declarations d
                      WHERE d.assessor_user_id = a.assessor_user_id
                        AND d.startup_organisation_id = ap.startup_organisation_id)
     AND NOT EXISTS (SELECT 1 FROM memberships m
                      WHERE m.user_id = a.assessor_user_id
                        AND m.organisation_id = ap.startup_organisation_id)
     AND NOT EXISTS (SELECT 1 FROM competitors c WHERE c.user_id = a.assessor_user_id)
),
scored AS (
  SELECT application_id, weighted,
         COALESCE((weighted - AVG(weighted) OVER w)
                  / NULLIF(STDDEV_POP(weighted) OVER w, 0), 0) AS z
    FROM per_assessment
  WINDOW w AS (PARTITION BY assessor_user_id)
  UNION ALL
  -- One empty row per assessable application, so unscored ones are listed too.
  SELECT id, NULL, NULL
    FROM applications
   WHERE challenge_id = $1 AND status = ANY($2::text[])${inStage}
),
per_application AS (
  SELECT application_id,
         AVG(weighted) AS weighted_score,
         AVG(z) AS normalised_score,
         COUNT(weighted) AS assessments_submitted,
         MAX(weighted) - MIN(weighted) AS spread
    FROM scored
   GROUP BY application_id
)
SELECT p.application_id,
       ap.startup_organisation_id AS company_id,
       (SELECT o.name FROM organisations o WHERE o.id = ap.startup_organisation_id) AS company_name,
       CASE WHEN p.weighted_score IS NULL THEN NULL
            ELSE RANK() OVER (ORDER BY p.weighted_score DESC NULLS LAST) END AS rank,
       p.weighted_score::float8 AS weighted_score,
       round(p.weighted_score, 1)::float8 AS weighted_score_display,
       p.normalised_score::float8 AS normalised_score,
       round(p.normalised_score::numeric, 2)::float8 AS normalised_score_display,
       p.assessments_submitted::int AS assessments_submitted,
       p.spread::float8 AS spread,
       round(p.spread, 1)::float8 AS spread_display,
       COALESCE(p.spread > $3, false) AS flagged
  FROM per_application p
  JOIN applications ap ON ap.id = p.application_id AND ap.challenge_id = $1
 ORDER BY p.weighted_score DESC NULLS LAST, p.normalised_score DESC NULLS LAST, p.application_id
`;
}

export const RANKING_SQL = rankingSql(`'sift'`, '');

export const STAGE_RANKING_SQL = rankingSql(
  '$4',
  `
     AND ($5::boolean OR EXISTS (SELECT 1 FROM stage_entries e
                                  WHERE e.application_id = applications.id AND e.stage_key = $4))`,
);
