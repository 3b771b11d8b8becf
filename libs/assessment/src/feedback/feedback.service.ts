import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { APP_CONFIG, AppConfig, Clock, NotFoundError } from '@catalyst/common';
import { Actor } from '@catalyst/identity';
import type { RubricCriterion } from '@catalyst/rounds';
import { lockAssessment } from '../assessments/locked-assessment';
import { AssessmentPolicy } from '../policy/assessment.policy';
import { RankingService } from '../ranking/ranking.service';
import { ChallengeContextLoader, DEFAULT_STAGE_LABEL } from '../shared/challenge-context';
import { DEFAULT_STAGE_KEY } from '../stages/stage.constants';
import { FeedbackReleaseView, FeedbackStageView, FeedbackView } from './feedback.dto';
import { FeedbackAlreadyReleasedError, FeedbackUndecidedError } from './feedback.errors';

/** Counted assessments: submitted, by an assessor not conflicted with the company (as ranked). */
const COUNTED_SQL = `
  a.application_id = $1 AND a.stage_key = $2 AND a.status = 'submitted'
  AND NOT EXISTS (SELECT 1 FROM conflict_declarations d
                   WHERE d.assessor_user_id = a.assessor_user_id
                     AND d.startup_organisation_id = ap.startup_organisation_id)
  AND NOT EXISTS (SELECT 1 FROM memberships m
                   WHERE m.user_id = a.assessor_user_id
                     AND m.organisation_id = ap.startup_organisation_id)
  AND NOT EXISTS (SELECT 1 FROM memberships cm
                    JOIN applications cap ON cap.startup_organisation_id = cm.organisation_id
                   WHERE cm.user_id = a.assessor_user_id AND cap.challenge_id = ap.challenge_id
                     AND cap.status <> 'draft')`;

const BANDS = ['top quarter', 'second quarter', 'third quarter', 'bottom quarter'] as const;

/** The band of a rank among `ranked` applications: by the share placed above it. */
export function bandOf(rank: number | null, ranked: number): string | null {
  if (rank === null || ranked === 0) return null;
  return BANDS[Math.min(3, Math.floor(((rank - 1) / ranked) * 4))];
}

interface ApplicationRow {
  id: string;
  challenge_id: string;
  programme_id: string;
  startup_organisation_id: string;
  status: string;
  decision_reason: string | null;
  released_at: Date | null;
}

/**
 * Feedback to applicants: a programme manager edits comments (audited) and then releases a
 * challenge's feedback (once, audited); each company then reads its own application's: per
 * stage it took part in, the scores per criterion, the weighted score, its band and the
 * assessors' comments without anything naming them, and the decision's reason.
 */
@Injectable()
export class FeedbackService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly challenges: ChallengeContextLoader,
    private readonly policy: AssessmentPolicy,
    private readonly ranking: RankingService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async release(actor: Actor, challengeId: string): Promise<FeedbackReleaseView> {
    return this.dataSource.transaction(async (manager) => {
      const challenge = await this.challenges.load(challengeId, actor.userId, manager);
      this.policy.assertCanManagePanel(actor, challenge);
      // Decisions of the challenge's applications wait for the release, or the release for them.
      const apps: { id: string; status: string }[] = await manager.query(
        `SELECT id, status FROM applications
          WHERE challenge_id = $1 AND status NOT IN ('draft', 'withdrawn')
          ORDER BY id FOR SHARE`,
        [challengeId],
      );
      const undecided = apps.filter((a) => a.status === 'submitted').length;
      if (undecided) throw new FeedbackUndecidedError(undecided);
      const now = this.clock.now();
      const inserted: unknown[] = await manager.query(
        `INSERT INTO feedback_releases (challenge_id, programme_id, released_at, released_by_user_id)
         VALUES ($1, $2, $3, $4) ON CONFLICT (challenge_id) DO NOTHING RETURNING challenge_id`,
        [challengeId, challenge.programmeId, now, actor.userId],
      );
      if (!inserted.length) throw new FeedbackAlreadyReleasedError();
      await this.audit.record(manager, {
        actor,
        action: 'challenge.feedback_released',
        programmeId: challenge.programmeId,
        entityType: 'challenge',
        entityId: challengeId,
        data: { applicationIds: apps.map((a) => a.id) },
      });
      return { challengeId, releasedAt: now.toISOString(), applications: apps.length };
    });
  }

  /** A programme manager edits what the company will read of a comment, before release. */
  async editComment(
    actor: Actor,
    assessmentId: string,
    comment: string | null,
  ): Promise<{ assessmentId: string; feedbackComment: string | null }> {
    return this.dataSource.transaction(async (manager) => {
      const assessment = await lockAssessment(manager, assessmentId);
      this.policy.assertCanSeeAssessment(actor, assessment);
      const challenge = await this.challenges.load(assessment.challengeId, actor.userId, manager);
      this.policy.assertCanManagePanel(actor, challenge);
      const released: unknown[] = await manager.query(
        `SELECT 1 FROM feedback_releases WHERE challenge_id = $1`,
        [assessment.challengeId],
      );
      if (released.length) throw new FeedbackAlreadyReleasedError();
      const before: { feedback_comment: string | null }[] = await manager.query(
        `SELECT feedback_comment FROM assessments WHERE id = $1`,
        [assessmentId],
      );
      const to = comment === null ? null : comment.trim();
      await manager.query(`UPDATE assessments SET feedback_comment = $2 WHERE id = $1`, [
        assessmentId,
        to,
      ]);
      await this.audit.record(manager, {
        actor,
        action: 'assessment.feedback_comment_edited',
        programmeId: assessment.programmeId,
        entityType: 'assessment',
        entityId: assessmentId,
        data: { from: before[0]?.feedback_comment ?? assessment.comment, to },
      });
      return { assessmentId, feedbackComment: to };
    });
  }

  async get(actor: Actor, applicationId: string): Promise<FeedbackView> {
    const manager = this.dataSource.manager;
    const rows: ApplicationRow[] = await manager.query(
      `SELECT ap.id, ap.challenge_id, ap.programme_id, ap.startup_organisation_id, ap.status,
              ap.decision_reason, f.released_at
         FROM applications ap
         LEFT JOIN feedback_releases f ON f.challenge_id = ap.challenge_id
        WHERE ap.id = $1 AND ap.status <> 'draft'`,
      [applicationId],
    );
    const app = rows[0];
    if (!app) throw new NotFoundError('Feedback', applicationId);
    this.policy.assertCanReadFeedback(actor, {
      applicationId,
      programmeId: app.programme_id,
      startupOrganisationId: app.startup_organisation_id,
      released: app.released_at !== null,
    });
    const stages = await this.stagesOf(manager, app);
    const views: FeedbackStageView[] = [];
    for (const stage of stages) views.push(await this.stageFeedback(manager, app, stage));
    return {
      applicationId,
      challengeId: app.challenge_id,
      released: app.released_at !== null,
      releasedAt: app.released_at?.toISOString() ?? null,
      decision: { status: app.status, reason: app.decision_reason },
      stages: views,
    };
  }

  /** The stages the application took part in, in order: the first, and those it entered. */
  private async stagesOf(
    manager: EntityManager,
    app: ApplicationRow,
  ): Promise<{ key: string; label: string; position: number; rubric: RubricCriterion[] }[]> {
    const rows: { key: string; label: string; position: number; rubric: RubricCriterion[] }[] =
      await manager.query(
        `SELECT st.key, st.label, st.position, COALESCE(st.rubric, c.rubric) AS rubric
           FROM assessment_stages st JOIN challenges c ON c.id = st.challenge_id
          WHERE st.challenge_id = $1
            AND (st.position = 1 OR EXISTS (SELECT 1 FROM stage_entries e
                                             WHERE e.stage_id = st.id AND e.application_id = $2))
          ORDER BY st.position`,
        [app.challenge_id, app.id],
      );
    if (rows.length) return rows;
    const [challenge]: { rubric: RubricCriterion[] }[] = await manager.query(
      `SELECT rubric FROM challenges WHERE id = $1`,
      [app.challenge_id],
    );
    return [
      {
        key: DEFAULT_STAGE_KEY,
        label: DEFAULT_STAGE_LABEL,
        position: 1,
        rubric: challenge?.rubric ?? [],
      },
    ];
  }

  private async stageFeedback(
    manager: EntityManager,
    app: ApplicationRow,
    stage: { key: string; label: string; position: number; rubric: RubricCriterion[] },
  ): Promise<FeedbackStageView> {
    const ranked = await this.ranking.rank(
      app.challenge_id,
      this.config.rankingSpreadThreshold,
      stage.key,
      stage.position === 1,
      manager,
    );
    const mine = ranked.find((r) => r.applicationId === app.id);
    const scored = ranked.filter((r) => r.rank !== null).length;
    const means: { criterion_key: string; score: number }[] = await manager.query(
      `SELECT s.criterion_key, AVG(s.score)::float8 AS score
         FROM assessments a
         JOIN applications ap ON ap.id = a.application_id
         JOIN assessment_scores s ON s.assessment_id = a.id
        WHERE ${COUNTED_SQL}
        GROUP BY s.criterion_key`,
      [app.id, stage.key],
    );
    const comments: { comment: string }[] = await manager.query(
      `SELECT COALESCE(a.feedback_comment, a.comment) AS comment
         FROM assessments a
         JOIN applications ap ON ap.id = a.application_id
        WHERE ${COUNTED_SQL}
          AND NULLIF(btrim(COALESCE(a.feedback_comment, a.comment)), '') IS NOT NULL
        ORDER BY md5(a.id::text)`,
      [app.id, stage.key],
    );
    const outcome: { outcome: string; adjusted_score: string | null }[] = await manager.query(
      `SELECT outcome, adjusted_score FROM moderation_outcomes
        WHERE application_id = $1 AND stage_key = $2`,
      [app.id, stage.key],
    );
    const byKey = new Map(means.map((m) => [m.criterion_key, m.score]));
    const adjusted = outcome[0]?.adjusted_score;
    return {
      stage: stage.key,
      label: stage.label,
      criteria: stage.rubric.map((c) => ({
        key: c.key,
        label: c.label,
        weight: c.weight,
        maxScore: c.maxScore,
        score: byKey.get(c.key) ?? null,
      })),
      weightedScore:
        adjusted !== undefined && adjusted !== null
          ? Number(adjusted)
          : (mine?.weightedScore ?? null),
      band: bandOf(mine?.rank ?? null, scored),
      comments: comments.map((c) => c.comment),
    };
  }
}
