import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { Clock, FieldProblem } from '@catalyst/common';
import { Actor } from '@catalyst/identity';
import { ConflictsService } from '../conflicts/conflicts.service';
import { conflictedSql, lockAssessors } from '../shared/assessor-conflicts';
import { AssessmentPolicy } from '../policy/assessment.policy';
import { Assessment } from './assessment.entity';
import { ASSESSMENT_STATE_MACHINE } from './assessment.state-machine';
import { AssessmentTransitionDto } from './assessment-transition.dto';
import { AssessmentView } from './assessment.view';
import { AssessmentReader } from './assessment.reader';
import { LockedAssessment, lockAssessment } from './locked-assessment';
import { AssessorConflictedError, IncompleteScoresError } from './assessment.errors';

/** POST /assessments/{id}/transitions: submit, declare a conflict, or (programme manager) reopen. */
@Injectable()
export class AssessmentTransitionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AssessmentPolicy,
    private readonly audit: AuditService,
    private readonly conflicts: ConflictsService,
    private readonly reader: AssessmentReader,
    private readonly clock: Clock,
  ) {}

  async transition(
    actor: Actor,
    id: string,
    dto: AssessmentTransitionDto,
  ): Promise<AssessmentView> {
    return this.dataSource.transaction(async (manager) => {
      if (dto.to === 'conflicted') await this.lockAssessorOf(manager, id);
      const assessment = await lockAssessment(manager, id);
      this.policy.assertCanSeeAssessment(actor, assessment);
      const reason = dto.reason?.trim() || undefined;
      ASSESSMENT_STATE_MACHINE.check({
        from: assessment.status,
        to: dto.to,
        actors: this.policy.transitionActors(actor, assessment),
        reason,
      });

      if (dto.to === 'conflicted') {
        // Records the declaration and moves this (and any other assessment of the same
        // company by this assessor) to conflicted, each audited.
        await this.conflicts.declare(manager, actor, {
          assessorUserId: assessment.assessorUserId,
          startupOrganisationId: assessment.startupOrganisationId,
          challengeId: assessment.challengeId,
          applicationId: assessment.applicationId,
          reason: reason as string,
        });
      } else {
        if (dto.to === 'submitted') {
          await this.assertNotConflicted(manager, assessment);
          await this.assertComplete(manager, assessment);
        }
        await manager.update(
          Assessment,
          { id: assessment.id },
          { status: dto.to, submittedAt: dto.to === 'submitted' ? this.clock.now() : null },
        );
        await this.audit.record(manager, {
          actor,
          action: 'assessment.transitioned',
          entityType: 'assessment',
          entityId: assessment.id,
          from: assessment.status,
          to: dto.to,
          reason: reason ?? null,
        });
      }
      return this.reader.view(actor, assessment.id, manager);
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
