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
  rank: string | null;
  weighted_score: number | null;
  normalised_score: number | null;
  assessments_submitted: number;
  spread: number | null;
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
    return { challengeId, threshold: applied, items: await this.rank(challengeId, applied) };
  }

  async rank(challengeId: string, threshold: number): Promise<RankingItemView[]> {
    const rows: RankingRow[] = await this.dataSource.query(RANKING_SQL, [
      challengeId,
      ASSESSABLE_APPLICATION_STATUSES,
      threshold,
    ]);
    return rows.map((r) => ({
      applicationId: r.application_id,
      rank: r.rank === null ? null : Number(r.rank),
      weightedScore: r.weighted_score,
      normalisedScore: r.normalised_score,
      assessmentsSubmitted: r.assessments_submitted,
      spread: r.spread,
      flagged: r.flagged,
    }));
  }
}
