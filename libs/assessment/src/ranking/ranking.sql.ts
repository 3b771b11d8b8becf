/**
 * The ranking of one challenge, in one statement ($1 challenge id, $2 assessable application
 * statuses, $3 spread threshold).
 *
 * Shaped so that no plan needs an unindexed nested loop, even before the planner has
 * statistics (fresh bulk loads): base tables are reached through their indexes, and unscored
 * applications join the aggregate by UNION ALL rather than by an outer join on a CTE.
 *
 * - per_assessment: each submitted assessment's weighted score,
 *   Σ(weight × score / maxScore) / Σ weight × 100, from the weights and maxima snapshotted with
 *   its scores. Conflicted and open assessments never enter.
 * - z: each assessment's z-score among all submitted assessments of the same assessor in this
 *   challenge, (x − mean) / stddev_pop, 0 when the assessor's scores do not vary.
 * - per_application: weighted score = mean of its assessments' weighted scores; normalised =
 *   mean of their z-scores; spread = max − min of the weighted scores; flagged when spread > $3.
 * - Every assessable application appears; those without a submitted assessment have null
 *   scores and rank, and come last. Equal weighted scores share a rank (1, 2, 2, 4).
 */
export const RANKING_SQL = `
WITH per_assessment AS (
  SELECT a.application_id, a.assessor_user_id,
         SUM(s.weight * s.score / s.max_score) / SUM(s.weight) * 100 AS weighted
    FROM assessments a
    JOIN assessment_scores s ON s.assessment_id = a.id
   WHERE a.challenge_id = $1
     AND a.status = 'submitted'
     AND EXISTS (SELECT 1 FROM applications ap
                  WHERE ap.id = a.application_id AND ap.status = ANY($2::text[]))
   GROUP BY a.id, a.application_id, a.assessor_user_id
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
   WHERE challenge_id = $1 AND status = ANY($2::text[])
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
SELECT application_id,
       CASE WHEN weighted_score IS NULL THEN NULL
            ELSE RANK() OVER (ORDER BY weighted_score DESC NULLS LAST) END AS rank,
       weighted_score::float8 AS weighted_score,
       normalised_score::float8 AS normalised_score,
       assessments_submitted::int AS assessments_submitted,
       spread::float8 AS spread,
       COALESCE(spread > $3, false) AS flagged
  FROM per_application
 ORDER BY weighted_score DESC NULLS LAST, normalised_score DESC NULLS LAST, application_id
`;
