import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AllowedTransitionView, allowedTransitions } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import type { AssessmentPolicy } from '../policy/assessment.policy';
import { ASSESSMENT_STATE_MACHINE } from './assessment.state-machine';
import { ASSESSMENT_STATUSES, AssessmentStatus } from './assessment.statuses';
import { DEFAULT_STAGE_KEY } from '../stages/stage.constants';

export class AssessmentSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty({ description: 'The stage it belongs to (`sift`, the first, unless later stages).' })
  stage: string;
  @ApiProperty({ format: 'uuid' }) assessorUserId: string;
  @ApiProperty({ enum: ASSESSMENT_STATUSES }) status: AssessmentStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() version: number;
  @ApiProperty({
    type: [AllowedTransitionView],
    description: 'The moves you may make now (empty when none)',
  })
  allowedTransitions: AllowedTransitionView<AssessmentStatus>[];
}

export class RubricCriterionView {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty() weight: number;
  @ApiProperty() maxScore: number;
  @ApiPropertyOptional() description?: string;
}

export class ReviewerAnswerView {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty({ enum: ['text', 'number', 'url', 'choice'] }) type: string;
  @ApiProperty({
    oneOf: [{ type: 'string', nullable: true }, { type: 'number' }],
    description: 'Null when unanswered or withheld.',
  })
  value: string | number | null;
  @ApiProperty({
    description:
      'True when the answer identifies the company and the review is blind. In blind reviews ' +
      'the company’s name (in any spacing or punctuation), website and URL-answer domains, ' +
      'its members’ names and e-mail domains, and e-mail addresses (also spelled out) are ' +
      'also replaced by "[withheld]" in other answers.',
  })
  withheld: boolean;
}

export class ApplicationForReviewView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: [ReviewerAnswerView] }) answers: ReviewerAnswerView[];
  @ApiPropertyOptional({ format: 'uuid', description: 'Absent in blind reviews.' })
  startupOrganisationId?: string;
  @ApiPropertyOptional({ description: 'Absent in blind reviews.' })
  companyName?: string;
}

export class AssessmentView extends AssessmentSummaryView {
  @ApiProperty({ description: 'Company identity is hidden from this caller (blind round).' })
  blind: boolean;
  @ApiProperty() challengeTitle: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'Scores saved so far, by rubric criterion key.',
    example: { impact: 4, feasibility: 3 },
  })
  scores: Record<string, number>;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty({ type: String, nullable: true }) conflictReason: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Σ(weight × score / maxScore) / Σ weight × 100 over the saved scores; null if none.',
  })
  weightedScore: number | null;
  @ApiProperty({ type: [RubricCriterionView] }) rubric: RubricCriterionView[];
  @ApiProperty({ type: ApplicationForReviewView }) application: ApplicationForReviewView;
}

export class AssessmentPageView {
  @ApiProperty({ type: [AssessmentSummaryView] }) items: AssessmentSummaryView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export interface AssessmentRowLike {
  id: string;
  applicationId: string;
  challengeId: string;
  programmeId: string;
  /** The stage's key (`sift` when absent). */
  stageKey?: string;
  assessorUserId: string;
  status: AssessmentStatus;
  submittedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** The caller's moves for an assessment, from the table and the policy alone (no query). */
export function assessmentMoves(
  policy: AssessmentPolicy,
  actor: Actor,
  a: Pick<AssessmentRowLike, 'id' | 'assessorUserId' | 'status' | 'programmeId'>,
): AllowedTransitionView<AssessmentStatus>[] {
  return allowedTransitions(ASSESSMENT_STATE_MACHINE, a.status, policy.transitionActors(actor, a));
}

export function toSummary(
  a: AssessmentRowLike,
  allowed: AllowedTransitionView<AssessmentStatus>[],
): AssessmentSummaryView {
  return {
    id: a.id,
    applicationId: a.applicationId,
    challengeId: a.challengeId,
    stage: a.stageKey ?? DEFAULT_STAGE_KEY,
    assessorUserId: a.assessorUserId,
    status: a.status,
    submittedAt: a.submittedAt ? a.submittedAt.toISOString() : null,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    version: a.version,
    allowedTransitions: allowed,
  };
}

/** The weighted score of one assessment's saved scores (the ranking's per-assessor number). */
export function weightedScore(
  scores: readonly { score: number; maxScore: number; weight: number }[],
): number | null {
  const totalWeight = scores.reduce((sum, s) => sum + s.weight, 0);
  if (!scores.length || totalWeight === 0) return null;
  return (
    (scores.reduce((sum, s) => sum + (s.weight * s.score) / s.maxScore, 0) / totalWeight) * 100
  );
}
