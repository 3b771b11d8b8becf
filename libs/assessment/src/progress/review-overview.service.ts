import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@catalyst/common';
import { Actor } from '@catalyst/identity';
import { AssessmentPolicy } from '../policy/assessment.policy';
import { ASSESSABLE_APPLICATION_STATUSES } from '../shared/statuses';
import { DEFAULT_STAGE_KEY } from '../stages/stage.constants';

/**
 * The first stage's review of every published or closed challenge of a set of rounds, in one
 * statement whatever the number of rounds and challenges ($1 the rounds, $2 the programmes the
 * caller oversees, $3 the assessable statuses, $4 the spread threshold, $5 the stage key):
 *
 * - outstanding: assessments that count (not conflicted) and are not submitted yet, as
 *   ReviewProgressService's `assigned − submitted`;
 * - flagged: applications whose assessors' weighted scores are further apart than the
 *   threshold, counted from the same per-assessment scores as RANKING_SQL (submitted, scored,
 *   no conflict declared with the company, the assessor not a member of any company that applied
 *   to the challenge): the ranking's `flagged` items, without ranking anything.
 */
const REVIEW_OVERVIEW_SQL = `
WITH ch AS MATERIALIZED (
  SELECT c.id, c.round_id, c.title, c.created_at
    FROM challenges c
   WHERE c.round_id = ANY($1::uuid[]) AND c.programme_id = ANY($2::uuid[])
     AND c.status IN ('published', 'closed')
),
work AS (
  SELECT a.id, a.challenge_id, a.application_id, a.assessor_user_id, a.status,
         ap.startup_organisation_id
    FROM ch
    JOIN assessments a ON a.challenge_id = ch.id AND a.stage_key = $5
    JOIN applications ap ON ap.id = a.application_id AND ap.status = ANY($3::text[])
),
outstanding AS (
  SELECT challenge_id, COUNT(*) FILTER (WHERE status NOT IN ('submitted', 'conflicted'))::int AS n
    FROM work GROUP BY challenge_id
),
per_assessment AS (
  SELECT w.challenge_id, w.application_id, s.weighted
    FROM work w
   CROSS JOIN LATERAL (
         SELECT SUM(sc.weight * sc.score / sc.max_score) / SUM(sc.weight) * 100 AS weighted
           FROM assessment_scores sc WHERE sc.assessment_id = w.id) s
   WHERE w.status = 'submitted' AND s.weighted IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM conflict_declarations d
                      WHERE d.assessor_user_id = w.assessor_user_id
                        AND d.startup_organisation_id = w.startup_organisation_id)
     AND NOT EXISTS (SELECT 1 FROM memberships m
                      JOIN applications cap ON cap.startup_organisation_id = m.organisation_id
                     WHERE m.user_id = w.assessor_user_id
                       AND cap.challenge_id = w.challenge_id AND cap.status <> 'draft')
),
flagged AS (
  SELECT challenge_id, COUNT(*)::int AS n
    FROM (SELECT challenge_id FROM per_assessment GROUP BY challenge_id, application_id
          HAVING MAX(weighted) - MIN(weighted) > $4) f
   GROUP BY challenge_id
)
SELECT ch.id, ch.round_id, ch.title, COALESCE(o.n, 0) AS outstanding, COALESCE(f.n, 0) AS flagged
  FROM ch
  LEFT JOIN outstanding o ON o.challenge_id = ch.id
  LEFT JOIN flagged f ON f.challenge_id = ch.id
 ORDER BY ch.created_at DESC, ch.id DESC
`;

interface OverviewRow {
  id: string;
  round_id: string;
  title: string;
  outstanding: number;
  flagged: number;
}

/** One challenge's review at a glance. */
export interface ChallengeReviewOverview {
  challengeId: string;
  roundId: string;
  title: string;
  /** Assessments assigned and not yet submitted. */
  outstanding: number;
  /** Applications whose spread is above the threshold (moderate before deciding). */
  flagged: number;
}

/**
 * The review of many challenges at once (the programme dashboard): the figures of
 * ReviewProgressService and RankingService aggregated in SQL, never a ranking per challenge.
 */
@Injectable()
export class ReviewOverviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AssessmentPolicy,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Newest challenge first; only challenges of programmes the caller oversees as a manager. */
  async forRounds(actor: Actor, roundIds: string[]): Promise<ChallengeReviewOverview[]> {
    const programmeIds = this.policy.reviewOverviewProgrammes(actor);
    if (!roundIds.length || !programmeIds.length) return [];
    const rows: OverviewRow[] = await this.dataSource.query(REVIEW_OVERVIEW_SQL, [
      roundIds,
      programmeIds,
      ASSESSABLE_APPLICATION_STATUSES,
      this.config.rankingSpreadThreshold,
      DEFAULT_STAGE_KEY,
    ]);
    return rows.map((r) => ({
      challengeId: r.id,
      roundId: r.round_id,
      title: r.title,
      outstanding: r.outstanding,
      flagged: r.flagged,
    }));
  }
}
