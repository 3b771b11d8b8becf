import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@catalyst/common';
import { Actor } from '@catalyst/identity';
import { AssessmentPolicy } from '../policy/assessment.policy';
import { ChallengeContextLoader } from '../shared/challenge-context';
import { ASSESSABLE_APPLICATION_STATUSES } from '../shared/statuses';
import { RANKING_SQL } from './ranking.sql';
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
  async forActor(actor: Actor, challengeId: string, threshold?: number): Promise<RankingView> {
    const challenge = await this.challenges.load(challengeId, actor.userId);
    this.policy.assertCanSeeScores(actor, challenge);
    const applied = threshold ?? this.config.rankingSpreadThreshold;
    const items = await this.rank(challengeId, applied);
    // The company only for who may know it: never for a blind round's panel (nor its sponsor).
    if (!this.policy.seesIdentity(actor, challenge)) {
      for (const item of items) delete item.company;
    }
    return { challengeId, threshold: applied, items };
  }

  /** Every item with its company; callers drop it for whoever may not know it. */
  async rank(challengeId: string, threshold: number): Promise<RankingItemView[]> {
    const rows: RankingRow[] = await this.dataSource.query(RANKING_SQL, [
      challengeId,
      ASSESSABLE_APPLICATION_STATUSES,
      threshold,
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
