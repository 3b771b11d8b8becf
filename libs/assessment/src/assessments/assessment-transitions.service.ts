import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { BusinessRuleError, Clock, FieldProblem } from '@catalyst/common';
import { Actor } from '@catalyst/identity';
import { ConflictsService } from '../conflicts/conflicts.service';
import { AssessmentPolicy } from '../policy/assessment.policy';
import { Assessment } from './assessment.entity';
import { ASSESSMENT_STATE_MACHINE } from './assessment.state-machine';
import { AssessmentTransitionDto } from './assessment-transition.dto';
import { AssessmentView } from './assessment.view';
import { AssessmentReader } from './assessment.reader';
import { LockedAssessment, lockAssessment } from './locked-assessment';

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
        if (dto.to === 'submitted') await this.assertComplete(manager, assessment);
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
      const error = new BusinessRuleError(
        'An assessment is submitted once every rubric criterion is scored.',
      );
      error.extensions.errors = problems;
      throw error;
    }
  }
}
