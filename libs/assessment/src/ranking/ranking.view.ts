import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, IsString, Matches, Max, Min } from 'class-validator';
import { CONTENT_KEY } from '@catalyst/rounds';
import { STAGE_QUERY_DOC } from '../stages/stage-param.dto';
import { IsOptionalNotNull } from '@catalyst/common';

export const NORMALISED_SCORE_DOC =
  'Corrects for harsh and lenient assessors: for each submitted assessment, the z-score of its ' +
  'weighted score among all submitted assessments by the same assessor in this challenge, ' +
  '(x − the assessor’s mean) / the assessor’s population standard deviation (0 when all their ' +
  'scores are equal, e.g. a single assessment); the application’s normalised score is the mean ' +
  'of its assessments’ z-scores. 0 is an average application for its assessors; +1 is one ' +
  'standard deviation above. Null without submitted assessments.';

export class RankingQuery {
  @ApiProperty({
    required: false,
    minimum: 0,
    maximum: 100,
    description:
      'Flag applications whose spread exceeds this many points (default 20, or the ' +
      'RANKING_SPREAD_THRESHOLD setting).',
  })
  @IsOptionalNotNull()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  threshold?: number;

  @ApiPropertyOptional({ description: STAGE_QUERY_DOC, example: 'interview' })
  @IsOptionalNotNull()
  @IsString()
  @Matches(CONTENT_KEY, { message: 'must be a stage key' })
  stage?: string;
}

export class RankingCompanyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class RankingItemView {
  @ApiProperty({ format: 'uuid' }) applicationId: string;

  @ApiPropertyOptional({
    type: RankingCompanyView,
    description:
      'The applying company. Absent in a blind round for everyone but programme managers ' +
      '(the panel, and the sponsor, rank applications, not companies).',
  })
  company?: RankingCompanyView;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'By weighted score, highest first; ties share a rank. Null when unscored.',
  })
  rank: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Mean over submitted, non-conflicted assessments of Σ(weight × score / maxScore) / ' +
      'Σ weight × 100 (0–100, exact: unrounded). Null without submitted assessments.',
  })
  weightedScore: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      '`weightedScore` rounded half up to one decimal, for display (73.3). Rank on the exact ' +
      'value: two applications may display the same and rank apart.',
  })
  weightedScoreDisplay: number | null;

  @ApiProperty({ type: Number, nullable: true, description: NORMALISED_SCORE_DOC })
  normalisedScore: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: '`normalisedScore` rounded half up to two decimals, for display.',
  })
  normalisedScoreDisplay: number | null;

  @ApiProperty({ description: 'Submitted, non-conflicted assessments counted.' })
  assessmentsSubmitted: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Max − min of the assessors’ weighted scores (points).',
  })
  spread: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: '`spread` rounded half up to one decimal, for display.',
  })
  spreadDisplay: number | null;

  @ApiProperty({ description: 'The spread is above the threshold: moderate before deciding.' })
  flagged: boolean;
}

export class RankingView {
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty({ description: 'The stage ranked (its key).' }) stage: string;
  @ApiProperty({ description: 'The spread threshold applied.' }) threshold: number;
  @ApiProperty({ type: [RankingItemView] }) items: RankingItemView[];
}
