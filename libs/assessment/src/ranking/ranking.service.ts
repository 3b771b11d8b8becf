import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@catalyst/common';
import { Actor } from '@catalyst/identity';
import { AssessmentPolicy } from '../policy/assessment.policy';
import { ChallengeContextLoader } from '../shared/challenge-context';
import { ASSESSABLE_APPLICATION_STATUSES } from '../shared/statuses';
import { STAGE_RANKING_SQL } from './ranking.sql';
import { DEFAULT_STAGE_KEY } from '../stages/stage.constants';
import { RankingItemView, RankingView } from './ranking.view';

interface RankingRow {
  application_id: string;
  company_id: string;
  company_name: string;
  rank: string | null;
  weighted_score: number | null;
  weighted_score_display: number | null;
  normalised_score: number | null;
  normalised_score_display: number | null;
  assessments_submitted: number;
  spread: number | null;
  spread_display: number | null;
  flagged: boolean;
}

/**
 * One page of a stage's ranking ($6 rows, $7 rows to skip): the whole ranking is ranked (ranks
 * continue across pages), only the page's rows leave the database, each with its application's
 * status and the number of rows in all.
 */
const RANKING_PAGE_SQL = `
WITH page AS (
  SELECT ranked.*, (COUNT(*) OVER ())::int AS total
    FROM (${STAGE_RANKING_SQL}) ranked
   ORDER BY ranked.weighted_score DESC NULLS LAST, ranked.normalised_score DESC NULLS LAST,
            ranked.application_id
   LIMIT $6 OFFSET $7
)
SELECT page.*, ap.status AS application_status
  FROM page
  JOIN applications ap ON ap.id = page.application_id
 ORDER BY page.weighted_score DESC NULLS LAST, page.normalised_score DESC NULLS LAST,
          page.application_id
`;

/** A ranked row with its application's status (the web's ranking page). */
export interface RankingPageItem extends RankingItemView {
  status: string;
}

/** One page of a ranking: its rows, where it starts, and how many rows the ranking has. */
export interface RankingPage {
  challengeId: string;
  stage: string;
  threshold: number;
  /** Rows before this page's first. */
  offset: number;
  /** Rows in the whole ranking. */
  total: number;
  items: RankingPageItem[];
}

/** The challenge's ranking, computed by PostgreSQL in one statement whatever its size. */
@Injectable()
export class RankingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly challenges: ChallengeContextLoader,
    private readonly policy: AssessmentPolicy,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** For the API: the policy check (one query), then the ranking (one query). */
  async forActor(
    actor: Actor,
    challengeId: string,
    threshold?: number,
    stageKey: string = DEFAULT_STAGE_KEY,
  ): Promise<RankingView> {
    const challenge = await this.challenges.load(challengeId, actor.userId, undefined, stageKey);
    this.policy.assertCanSeeScores(actor, challenge);
    const applied = threshold ?? this.config.rankingSpreadThreshold;
    const items = await this.rank(challengeId, applied, stageKey, challenge.stage.isFirst);
    // The company only for who may know it: never for a blind round's panel (nor its sponsor).
    if (!this.policy.seesIdentity(actor, challenge)) {
      for (const item of items) delete item.company;
    }
    return { challengeId, stage: stageKey, threshold: applied, items };
  }

  /**
   * One page of the ranking, for the same callers as forActor: `limit` rows after `offset`,
   * ranked among all (two queries whatever the size of the challenge or the page).
   */
  async page(
    actor: Actor,
    challengeId: string,
    offset: number,
    limit: number,
    stageKey: string = DEFAULT_STAGE_KEY,
  ): Promise<RankingPage> {
    const challenge = await this.challenges.load(challengeId, actor.userId, undefined, stageKey);
    this.policy.assertCanSeeScores(actor, challenge);
    const threshold = this.config.rankingSpreadThreshold;
    const rows: (RankingRow & { total: number; application_status: string })[] =
      await this.dataSource.query(RANKING_PAGE_SQL, [
        challengeId,
        ASSESSABLE_APPLICATION_STATUSES,
        threshold,
        stageKey,
        challenge.stage.isFirst,
        limit,
        offset,
      ]);
    const identity = this.policy.seesIdentity(actor, challenge);
    const items = rows.map((r) => {
      const item: RankingPageItem = { ...toItem(r), status: r.application_status };
      if (!identity) delete item.company;
      return item;
    });
    return {
      challengeId,
      stage: stageKey,
      threshold,
      offset,
      total: rows[0]?.total ?? 0,
      items,
    };
  }

  /** Every item with its company; callers drop it for whoever may not know it. */
  async rank(
    challengeId: string,
    threshold: number,
    stageKey: string = DEFAULT_STAGE_KEY,
    isFirst = true,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<RankingItemView[]> {
    const rows: RankingRow[] = await manager.query(STAGE_RANKING_SQL, [
      challengeId,
      ASSESSABLE_APPLICATION_STATUSES,
      threshold,
      stageKey,
      isFirst,
    ]);
    return rows.map(toItem);
  }
}

function toItem(r: RankingRow): RankingItemView {
  return {
    applicationId: r.application_id,
    company: { id: r.company_id, name: r.company_name },
    rank: r.rank === null ? null : Number(r.rank),
    weightedScore: r.weighted_score,
    weightedScoreDisplay: r.weighted_score_display,
    normalisedScore: r.normalised_score,
    normalisedScoreDisplay: r.normalised_score_display,
    assessmentsSubmitted: r.assessments_submitted,
    spread: r.spread,
    spreadDisplay: r.spread_display,
    flagged: r.flagged,
  };
}
