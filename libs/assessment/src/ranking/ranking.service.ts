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
    return rows.map((r) => ({
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
    }));
  }
}
