import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AllowedTransitionView, MoneyDto } from '@catalyst/common';
import { ROUND_STATUSES, RoundStatus } from '../rounds/round.state-machine';
import type { Challenge } from './challenge.entity';
import { CHALLENGE_STATUSES, ChallengeStatus } from './challenge.state-machine';
import {
  QUESTION_TYPES,
  QuestionType,
  type ChallengeBudget,
  type ChallengeQuestion,
  type RubricCriterion,
} from './challenge.types';

export class ChallengeSponsorView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

export class ChallengeRoundRefView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ROUND_STATUSES })
  status: RoundStatus;

  @ApiProperty({ example: 'Europe/London' })
  timezone: string;

  @ApiProperty({ format: 'date-time' })
  opensAt: string;

  @ApiProperty({ format: 'date-time', description: 'Application deadline' })
  closesAt: string;
}

export class ChallengeBudgetView {
  @ApiPropertyOptional({ type: MoneyDto })
  exploration?: MoneyDto;

  @ApiProperty({ type: MoneyDto })
  accelerator: MoneyDto;

  @ApiPropertyOptional({ type: MoneyDto })
  followOn?: MoneyDto;
}

export class ChallengeQuestionView {
  @ApiProperty()
  key: string;

  @ApiProperty()
  label: string;

  @ApiProperty({ enum: QUESTION_TYPES })
  type: QuestionType;

  @ApiProperty()
  required: boolean;

  @ApiPropertyOptional({ description: 'Text questions: longest answer in characters' })
  maxLength?: number;

  @ApiPropertyOptional({ type: [String], description: 'Choice questions: the possible answers' })
  options?: string[];

  @ApiPropertyOptional({ description: 'Hidden from assessors in blind review' })
  identifying?: boolean;
}

export class ChallengeRubricCriterionView {
  @ApiProperty()
  key: string;

  @ApiProperty()
  label: string;

  @ApiProperty({ description: 'Relative weight in the weighted score' })
  weight: number;

  @ApiProperty()
  maxScore: number;

  @ApiPropertyOptional()
  description?: string;
}

/** A challenge as the signed-in API shows it to those who may see it. */
export class ChallengeView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  roundId: string;

  @ApiProperty({ type: ChallengeRoundRefView })
  round: ChallengeRoundRefView;

  @ApiProperty({ format: 'uuid' })
  sponsorOrganisationId: string;

  @ApiProperty({ type: ChallengeSponsorView })
  sponsor: ChallengeSponsorView;

  @ApiProperty()
  title: string;

  @ApiProperty()
  summary: string;

  @ApiProperty()
  problemStatement: string;

  @ApiProperty({ type: [String] })
  tags: string[];

  @ApiProperty({ type: ChallengeBudgetView })
  budget: ChallengeBudgetView;

  @ApiProperty({ type: [ChallengeQuestionView] })
  questions: ChallengeQuestionView[];

  @ApiProperty({ type: [ChallengeRubricCriterionView] })
  rubric: ChallengeRubricCriterionView[];

  @ApiProperty({ enum: CHALLENGE_STATUSES })
  status: ChallengeStatus;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  publishedAt: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  @ApiProperty({ description: 'Send back in If-Match when editing or moving it' })
  version: number;

  @ApiProperty({
    type: [AllowedTransitionView],
    description: 'The moves you may make now (empty when none)',
  })
  allowedTransitions: AllowedTransitionView<ChallengeStatus>[];
}

export class ChallengePageView {
  @ApiProperty({ type: [ChallengeView] })
  items: ChallengeView[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

/** Needs the challenge loaded with its round and sponsor organisation. */
export function toChallengeView(
  c: Challenge,
  allowedTransitions: AllowedTransitionView<ChallengeStatus>[],
): ChallengeView {
  if (!c.round || !c.sponsorOrganisation) {
    throw new Error('toChallengeView needs the challenge’s round and sponsor loaded');
  }
  return {
    id: c.id,
    roundId: c.roundId,
    round: {
      id: c.round.id,
      name: c.round.name,
      status: c.round.status,
      timezone: c.round.timezone,
      opensAt: c.round.opensAt.toISOString(),
      closesAt: c.round.closesAt.toISOString(),
    },
    sponsorOrganisationId: c.sponsorOrganisationId,
    sponsor: { id: c.sponsorOrganisation.id, name: c.sponsorOrganisation.name },
    title: c.title,
    summary: c.summary,
    problemStatement: c.problemStatement,
    tags: c.tags,
    budget: budgetView(c.budget),
    questions: c.questions.map(questionView),
    rubric: c.rubric.map(rubricView),
    status: c.status,
    publishedAt: c.publishedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    version: c.version,
    allowedTransitions,
  };
}

export function budgetView(b: ChallengeBudget): ChallengeBudgetView {
  return {
    ...(b.exploration ? { exploration: { ...b.exploration } } : {}),
    accelerator: { ...b.accelerator },
    ...(b.followOn ? { followOn: { ...b.followOn } } : {}),
  };
}

export function questionView(q: ChallengeQuestion): ChallengeQuestionView {
  return {
    key: q.key,
    label: q.label,
    type: q.type,
    required: q.required,
    ...(q.maxLength !== undefined ? { maxLength: q.maxLength } : {}),
    ...(q.options ? { options: [...q.options] } : {}),
    ...(q.identifying ? { identifying: true } : {}),
  };
}

export function rubricView(c: RubricCriterion): ChallengeRubricCriterionView {
  return {
    key: c.key,
    label: c.label,
    weight: c.weight,
    maxScore: c.maxScore,
    ...(c.description ? { description: c.description } : {}),
  };
}
