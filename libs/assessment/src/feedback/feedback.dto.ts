import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, ValidateIf } from 'class-validator';

export class EditFeedbackCommentDto {
  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: 10000,
    description:
      'The comment as the company will read it (e.g. without anything identifying the ' +
      'assessor); null restores the assessor’s own words, an empty string shows none.',
  })
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(10000)
  comment: string | null;
}

export class FeedbackCommentView {
  @ApiProperty({ format: 'uuid' }) assessmentId: string;
  @ApiProperty({ type: String, nullable: true, description: 'What the company will read.' })
  feedbackComment: string | null;
}

export class FeedbackReleaseView {
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty({ format: 'date-time' }) releasedAt: string;
  @ApiProperty({ description: 'Applications whose companies may now read their feedback.' })
  applications: number;
}

export class FeedbackCriterionView {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty() weight: number;
  @ApiProperty() maxScore: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The mean of the counted assessors’ scores for this criterion.',
  })
  score: number | null;
}

export class FeedbackStageView {
  @ApiProperty() stage: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: [FeedbackCriterionView] }) criteria: FeedbackCriterionView[];
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'The stage ranking’s weighted score (0–100), or the moderated score when moderation ' +
      'adjusted it.',
  })
  weightedScore: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['top quarter', 'second quarter', 'third quarter', 'bottom quarter'],
    description:
      'By the share of the stage’s ranked applications placed above this one: under 25% top ' +
      'quarter, under 50% second, under 75% third, else bottom. Null when unranked.',
  })
  band: string | null;
  @ApiProperty({
    type: [String],
    description: 'The assessors’ comments, anonymised: no names, no ids, in no assessor’s order.',
  })
  comments: string[];
}

export class FeedbackDecisionView {
  @ApiProperty() status: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
}

export class FeedbackView {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty({ description: 'False only in a programme manager’s preview.' }) released: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) releasedAt: string | null;
  @ApiProperty({ type: FeedbackDecisionView }) decision: FeedbackDecisionView;
  @ApiProperty({ type: [FeedbackStageView] }) stages: FeedbackStageView[];
}
