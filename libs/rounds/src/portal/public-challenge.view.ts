import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Challenge } from '../challenges/challenge.entity';
import {
  ChallengeBudgetView,
  ChallengeSponsorView,
  ChallengeRubricCriterionView,
  budgetView,
  rubricView,
} from '../challenges/challenge.view';
import { QUESTION_TYPES, QuestionType } from '../challenges/challenge.types';

export class PublicChallengeRoundView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ format: 'date-time' })
  opensAt: string;

  @ApiProperty({ format: 'date-time', description: 'Applications close at this instant' })
  closesAt: string;

  @ApiProperty({ example: 'Europe/London', description: 'Show the dates in this time zone' })
  timezone: string;
}

/** A programme as the public portal shows it: its name, slug and branding text. */
export class PublicProgrammeSummaryView {
  @ApiProperty({ example: 'civtech', description: 'Its pages: /public/programmes/{slug}/…' })
  slug: string;

  @ApiProperty({ example: 'CivTech' })
  name: string;
}

export class PublicChallengeQuestionView {
  @ApiProperty({ description: 'Answer key in an application' })
  key: string;

  @ApiProperty()
  label: string;

  @ApiProperty({ enum: QUESTION_TYPES })
  type: QuestionType;

  @ApiProperty()
  required: boolean;

  @ApiPropertyOptional()
  maxLength?: number;

  @ApiPropertyOptional({ type: [String] })
  options?: string[];
}

/**
 * What anyone may read about an open challenge: enough to decide and prepare an application.
 * The scoring rubric (criteria, weights, maximum scores) is public on purpose: in public
 * procurement the award criteria and their weighting are disclosed to every bidder
 * beforehand, so companies are treated equally and know how they will be judged. Nothing
 * internal is shown: no status history, version, creator, assessors or applicants.
 */
export class PublicChallengeView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  title: string;

  @ApiProperty()
  summary: string;

  @ApiProperty()
  problemStatement: string;

  @ApiProperty({ type: [String] })
  tags: string[];

  @ApiProperty({ type: ChallengeSponsorView })
  sponsor: ChallengeSponsorView;

  @ApiProperty({ type: ChallengeBudgetView })
  budget: ChallengeBudgetView;

  @ApiProperty({
    type: [PublicChallengeQuestionView],
    description: 'What an application must answer',
  })
  questions: PublicChallengeQuestionView[];

  @ApiProperty({
    type: [ChallengeRubricCriterionView],
    description: 'How applications are scored (public, as award criteria are in procurement)',
  })
  rubric: ChallengeRubricCriterionView[];

  @ApiProperty({ format: 'date-time' })
  publishedAt: string;

  @ApiProperty({ type: PublicChallengeRoundView })
  round: PublicChallengeRoundView;

  @ApiProperty({ type: PublicProgrammeSummaryView, description: 'The programme running it' })
  programme: PublicProgrammeSummaryView;
}

export class PublicChallengePageView {
  @ApiProperty({ type: [PublicChallengeView] })
  items: PublicChallengeView[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

/** Needs the challenge loaded with its round, sponsor organisation and programme. */
export function toPublicChallengeView(c: Challenge): PublicChallengeView {
  if (!c.round || !c.sponsorOrganisation || !c.programme) {
    throw new Error(
      'toPublicChallengeView needs the challenge’s round, sponsor and programme loaded',
    );
  }
  return {
    id: c.id,
    title: c.title,
    summary: c.summary,
    problemStatement: c.problemStatement,
    tags: c.tags,
    sponsor: { id: c.sponsorOrganisation.id, name: c.sponsorOrganisation.name },
    budget: budgetView(c.budget),
    questions: c.questions.map((q) => ({
      key: q.key,
      label: q.label,
      type: q.type,
      required: q.required,
      ...(q.maxLength !== undefined ? { maxLength: q.maxLength } : {}),
      ...(q.options ? { options: [...q.options] } : {}),
    })),
    rubric: c.rubric.map(rubricView),
    publishedAt: (c.publishedAt ?? c.updatedAt).toISOString(),
    round: {
      id: c.round.id,
      name: c.round.name,
      opensAt: c.round.opensAt.toISOString(),
      closesAt: c.round.closesAt.toISOString(),
      timezone: c.round.timezone,
    },
    programme: { slug: c.programme.slug, name: c.programme.name },
  };
}
