import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import {
  Clock,
  FieldProblem,
  NotFoundError,
  TransitionDefinition,
  runTransition,
} from '@catalyst/common';
import { Actor } from '@catalyst/identity';
import { ConflictsService } from '../conflicts/conflicts.service';
import { conflictedSql, lockAssessors } from '../shared/assessor-conflicts';
import { AssessmentPolicy } from '../policy/assessment.policy';
import { Assessment } from './assessment.entity';
import { ASSESSMENT_STATE_MACHINE, AssessmentActor } from './assessment.state-machine';
import type { AssessmentStatus } from './assessment.statuses';
import { AssessmentTransitionDto } from './assessment-transition.dto';
import { AssessmentView } from './assessment.view';
import { AssessmentReader } from './assessment.reader';
import { LockedAssessment, lockAssessment } from './locked-assessment';
import { AssessorConflictedError, IncompleteScoresError } from './assessment.errors';

/**
 * POST /assessments/{id}/transitions: submit, declare a conflict, or (programme manager) reopen,
 * through the shared transition use case (If-Match, audit `assessment.<to>`).
 */
@Injectable()
export class AssessmentTransitionsService {
  private readonly definition: TransitionDefinition<
    LockedAssessment,
    AssessmentStatus,
    AssessmentActor,
    Actor
  >;

  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AssessmentPolicy,
    private readonly audit: AuditService,
    private readonly conflicts: ConflictsService,
    private readonly reader: AssessmentReader,
    private readonly clock: Clock,
  ) {
    this.definition = {
      machine: ASSESSMENT_STATE_MACHINE,
      label: 'Assessment',
      load: async (manager, id) => {
        await this.lockAssessorOf(manager, id);
        return lockAssessment(manager, id).catch((error: unknown) => {
          if (error instanceof NotFoundError) return null;
          throw error;
        });
      },
      visible: (actor, assessment) => {
        this.policy.assertCanSeeAssessment(actor, assessment); // 404 for anyone else
        return true;
      },
      actors: (actor, assessment) => this.policy.transitionActors(actor, assessment),
      programmeOf: (assessment) => assessment.programmeId,
      status: (assessment) => assessment.status,
      version: (assessment) => assessment.version,
      guard: async ({ manager, entity, to }) => {
        if (to === 'submitted') {
          await this.assertNotConflicted(manager, entity);
          await this.assertComplete(manager, entity);
        }
      },
      apply: async ({ manager, entity, to, reason }) => {
        await manager.update(
          Assessment,
          { id: entity.id },
          {
            status: to,
            submittedAt: to === 'submitted' ? this.clock.now() : null,
            ...(to === 'conflicted' ? { conflictReason: reason } : {}),
          },
        );
      },
      hooks: [
        {
          // Records the declaration and moves the assessor's other assessments of the same
          // company to conflicted, each audited (this one is already moved and audited).
          name: 'record the conflict declaration',
          to: ['conflicted'],
          run: async ({ manager, actor, entity, reason }) => {
            await this.conflicts.declare(manager, actor, {
              assessorUserId: entity.assessorUserId,
              startupOrganisationId: entity.startupOrganisationId,
              challengeId: entity.challengeId,
              programmeId: entity.programmeId,
              applicationId: entity.applicationId,
              reason: reason as string,
            });
          },
        },
      ],
      audit: (manager, event) => this.audit.record(manager, event),
    };
  }

  async transition(
    actor: Actor,
    id: string,
    dto: AssessmentTransitionDto,
    expectedVersion: number | undefined,
  ): Promise<AssessmentView> {
    return this.dataSource.transaction(async (manager) => {
      await runTransition(this.definition, manager, actor, id, dto, expectedVersion);
      return this.reader.view(actor, id, manager);
    });
  }

  /**
   * A declaration takes the assessor's lock before it locks their assessments; taking it before
   * the assessment row here too keeps one lock order (no deadlock with a declaration made at
   * the same time on the challenge's conflicts endpoint).
   */
  private async lockAssessorOf(manager: EntityManager, id: string): Promise<void> {
    const rows: { assessor_user_id: string }[] = await manager.query(
      `SELECT assessor_user_id FROM assessments WHERE id = $1`,
      [id],
    );
    if (rows[0]) await lockAssessors(manager, [rows[0].assessor_user_id]);
  }

  /**
   * Scores from someone conflicted with the company never count, even when the conflict came
   * after the assignment (the assessor joined the company) and was not declared.
   */
  private async assertNotConflicted(
    manager: EntityManager,
    assessment: LockedAssessment,
  ): Promise<void> {
    const rows: { conflicted: boolean }[] = await manager.query(
      `SELECT ${conflictedSql('$1::uuid', '$2::uuid', '$3::uuid')} AS conflicted`,
      [assessment.assessorUserId, assessment.startupOrganisationId, assessment.challengeId],
    );
    if (rows[0]?.conflicted) {
      throw new AssessorConflictedError();
    }
  }

  /**
   * Every criterion of the current rubric scored, against the rubric as it is now: if the
   * rubric changed after the scores were saved, the assessor saves them again first.
   */
  private async assertComplete(manager: EntityManager, assessment: LockedAssessment) {
    const saved: { criterion_key: string; max_score: string; weight: string }[] =
      await manager.query(
        `SELECT criterion_key, max_score, weight FROM assessment_scores WHERE assessment_id = $1`,
        [assessment.id],
      );
    const byKey = new Map(saved.map((s) => [s.criterion_key, s]));
    const problems: FieldProblem[] = [];
    for (const criterion of assessment.rubric) {
      const score = byKey.get(criterion.key);
      if (!score) {
        problems.push({ field: `scores.${criterion.key}`, message: 'is not scored yet' });
      } else if (
        Number(score.max_score) !== criterion.maxScore ||
        Number(score.weight) !== criterion.weight
      ) {
        problems.push({
          field: `scores.${criterion.key}`,
          message: 'was scored against an earlier version of the rubric; save it again',
        });
      }
      byKey.delete(criterion.key);
    }
    for (const key of byKey.keys()) {
      problems.push({ field: `scores.${key}`, message: 'is no longer a rubric criterion' });
    }
    if (problems.length) {
      throw new IncompleteScoresError(problems);
    }
  }
}
