import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import {
  APP_CONFIG,
  AppConfig,
  Clock,
  NotFoundError,
  ValidationFailedError,
} from '@catalyst/common';
import { Actor } from '@catalyst/identity';
import { AssessmentPolicy } from '../policy/assessment.policy';
import { RankingService } from '../ranking/ranking.service';
import { ChallengeContextLoader } from '../shared/challenge-context';
import { DEFAULT_STAGE_KEY } from './stage.constants';
import { ModerationOutcomeDto, ModerationOutcomeView } from './stage.dto';
import { ModerationOutcomeNeedsScoresError } from './stage.errors';

/**
 * The record of moderation at one stage: the programme manager confirms the ranking's score
 * of an application, or adjusts it with a reason (what the company's feedback then shows).
 * Recording again replaces it; each record is audited with what it replaced.
 */
@Injectable()
export class ModerationOutcomesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly challenges: ChallengeContextLoader,
    private readonly policy: AssessmentPolicy,
    private readonly ranking: RankingService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async record(
    actor: Actor,
    applicationId: string,
    dto: ModerationOutcomeDto,
  ): Promise<ModerationOutcomeView> {
    const stageKey = dto.stage ?? DEFAULT_STAGE_KEY;
    if ((dto.outcome === 'adjusted') !== (dto.adjustedScore !== undefined)) {
      throw new ValidationFailedError(
        'An adjusted outcome gives the adjusted score; a confirmed one none.',
        [
          {
            field: 'adjustedScore',
            message: dto.outcome === 'adjusted' ? 'is required' : 'must not be given',
          },
        ],
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const refs: { challenge_id: string }[] = await manager.query(
        `SELECT challenge_id FROM applications WHERE id = $1 AND status <> 'draft' FOR UPDATE`,
        [applicationId],
      );
      if (!refs[0]) throw new NotFoundError('Application', applicationId);
      const challenge = await this.challenges.load(
        refs[0].challenge_id,
        actor.userId,
        manager,
        stageKey,
      );
      this.policy.assertCanManagePanel(actor, challenge);
      const ranked = await this.ranking.rank(
        challenge.id,
        this.config.rankingSpreadThreshold,
        stageKey,
        challenge.stage.isFirst,
        manager,
      );
      const mine = ranked.find((r) => r.applicationId === applicationId);
      if (!mine || mine.weightedScore === null) throw new ModerationOutcomeNeedsScoresError();
      const previous: { outcome: string; adjusted_score: string | null }[] = await manager.query(
        `SELECT outcome, adjusted_score FROM moderation_outcomes
          WHERE application_id = $1 AND stage_key = $2`,
        [applicationId, stageKey],
      );
      const now = this.clock.now();
      const adjusted = dto.adjustedScore ?? null;
      const reason = dto.reason.trim();
      await manager.query(
        `INSERT INTO moderation_outcomes (application_id, stage_key, challenge_id, outcome,
                                          adjusted_score, reason, decided_by_user_id, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (application_id, stage_key) DO UPDATE
            SET outcome = EXCLUDED.outcome, adjusted_score = EXCLUDED.adjusted_score,
                reason = EXCLUDED.reason, decided_by_user_id = EXCLUDED.decided_by_user_id,
                updated_at = EXCLUDED.updated_at`,
        [applicationId, stageKey, challenge.id, dto.outcome, adjusted, reason, actor.userId, now],
      );
      await this.audit.record(manager, {
        actor,
        action: 'application.moderated',
        programmeId: challenge.programmeId,
        entityType: 'application',
        entityId: applicationId,
        reason,
        data: {
          stage: stageKey,
          outcome: dto.outcome,
          rankedScore: mine.weightedScore,
          adjustedScore: adjusted,
          previous: previous[0]
            ? {
                outcome: previous[0].outcome,
                adjustedScore:
                  previous[0].adjusted_score === null ? null : Number(previous[0].adjusted_score),
              }
            : null,
        },
      });
      return {
        applicationId,
        stage: stageKey,
        outcome: dto.outcome,
        rankedScore: mine.weightedScore,
        adjustedScore: adjusted,
        reason,
        decidedAt: now.toISOString(),
      };
    });
  }
}
