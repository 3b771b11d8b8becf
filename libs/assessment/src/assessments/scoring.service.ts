import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { FieldProblem, ValidationFailedError, assertVersion, returning } from '@catalyst/common';
import { Actor } from '@catalyst/identity';
import type { RubricCriterion } from '@catalyst/rounds';
import { AssessmentPolicy } from '../policy/assessment.policy';
import { Assessment } from './assessment.entity';
import { AssessmentScore } from './assessment-score.entity';
import { AssessmentView } from './assessment.view';
import { AssessmentReader } from './assessment.reader';
import { lockAssessment } from './locked-assessment';
import { SaveScoresDto } from './save-scores.dto';
import { ScoresLockedError } from './assessment.errors';

/** PUT /assessments/{id}: the assigned assessor saves a score sheet while the assessment is open. */
@Injectable()
export class ScoringService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AssessmentPolicy,
    private readonly audit: AuditService,
    private readonly reader: AssessmentReader,
  ) {}

  async save(
    actor: Actor,
    id: string,
    dto: SaveScoresDto,
    expectedVersion?: number,
  ): Promise<AssessmentView> {
    return this.dataSource.transaction(async (manager) => {
      const assessment = await lockAssessment(manager, id);
      this.policy.assertCanScore(actor, assessment);
      if (assessment.status !== 'assigned') {
        throw new ScoresLockedError(assessment.status);
      }
      assertVersion('assessment', expectedVersion, assessment.version);
      const rows = scoreRows(assessment.id, assessment.rubric, dto.scores);

      const before = await returning<{ criterion_key: string; score: string }>(
        manager,
        `DELETE FROM assessment_scores WHERE assessment_id = $1 RETURNING criterion_key, score`,
        [assessment.id],
      );
      if (rows.length) await manager.insert(AssessmentScore, rows);
      const comment = dto.comment === undefined ? assessment.comment : dto.comment;
      // Bumps version and updated_at even when only the scores changed.
      await manager.update(Assessment, { id: assessment.id }, { comment });

      await this.audit.record(manager, {
        actor,
        action: 'assessment.scored',
        programmeId: assessment.programmeId,
        entityType: 'assessment',
        entityId: assessment.id,
        data: {
          scores: {
            from: Object.fromEntries(before.map((s) => [s.criterion_key, Number(s.score)])),
            to: dto.scores,
          },
          ...(comment !== assessment.comment
            ? { comment: { from: assessment.comment, to: comment } }
            : {}),
        },
      });
      return this.reader.view(actor, assessment.id, manager);
    });
  }
}

/** Checks a score sheet against the rubric (400 naming each bad field) and snapshots it. */
export function scoreRows(
  assessmentId: string,
  rubric: readonly RubricCriterion[],
  scores: Readonly<Record<string, number>>,
): AssessmentScore[] {
  const byKey = new Map(rubric.map((c) => [c.key, c]));
  const problems: FieldProblem[] = [];
  const rows: AssessmentScore[] = [];
  for (const [key, score] of Object.entries(scores)) {
    const criterion = byKey.get(key);
    if (!criterion) {
      problems.push({ field: `scores.${key}`, message: 'is not a criterion of this rubric' });
    } else if (score < 0 || score > criterion.maxScore) {
      problems.push({
        field: `scores.${key}`,
        message: `must be between 0 and ${criterion.maxScore}`,
      });
    } else {
      rows.push(
        Object.assign(new AssessmentScore(), {
          assessmentId,
          criterionKey: key,
          score,
          maxScore: criterion.maxScore,
          weight: criterion.weight,
        }),
      );
    }
  }
  if (problems.length) {
    throw new ValidationFailedError(
      `The score sheet has ${problems.length} invalid score${problems.length === 1 ? '' : 's'}.`,
      problems,
    );
  }
  return rows;
}
