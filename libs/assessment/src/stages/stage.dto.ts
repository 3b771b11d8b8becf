import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsNumber,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsOptionalNotNull } from '@catalyst/common';
import { CONTENT_KEY, RubricCriterionDto } from '@catalyst/rounds';

export class CreateStageDto {
  @ApiProperty({ example: 'interview', pattern: CONTENT_KEY.source })
  @IsString()
  @Matches(CONTENT_KEY, { message: 'key must be a letter then letters, digits, _ or -' })
  key: string;

  @ApiProperty({ example: 'Interview', maxLength: 200 })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(200)
  label: string;

  @ApiProperty({ type: [RubricCriterionDto], description: 'This stage’s own scorecard.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RubricCriterionDto)
  rubric: RubricCriterionDto[];

  @ApiPropertyOptional({
    description: 'Hide the company from this stage’s panel (422 for a stage with slots).',
    default: false,
  })
  @IsOptionalNotNull()
  @IsBoolean()
  blind?: boolean;

  @ApiPropertyOptional({
    description: 'Held in interview slots (an interview or pitch): never blind.',
    default: false,
  })
  @IsOptionalNotNull()
  @IsBoolean()
  needsSlots?: boolean;
}

export class StageEntriesDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Applications to enter.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  applicationIds: string[];

  @ApiProperty({ example: 'Top six of the sift', maxLength: 2000 })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(2000)
  reason: string;
}

export class StageRubricCriterionView {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty() weight: number;
  @ApiProperty() maxScore: number;
  @ApiPropertyOptional() description?: string;
}

export class StageView {
  @ApiProperty({ example: 'interview' }) key: string;
  @ApiProperty() label: string;
  @ApiProperty({ description: '1 for the first stage.' }) position: number;
  @ApiProperty({ type: [StageRubricCriterionView] }) rubric: StageRubricCriterionView[];
  @ApiProperty({ description: 'The stage’s panel does not see the company.' }) blind: boolean;
  @ApiProperty({ description: 'Held in interview slots.' }) needsSlots: boolean;
  @ApiProperty({
    description:
      'How many applications are in the stage: every assessable one for the first, the ' +
      'entered ones for a later stage.',
  })
  applications: number;
}

export class StageListView {
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty({ type: [StageView] }) items: StageView[];
}

export class StageEntryView {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() stage: string;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date-time' }) enteredAt: string;
}

export class StageEntriesView {
  @ApiProperty({ type: [StageEntryView] }) items: StageEntryView[];
}

export class ModerationOutcomeDto {
  @ApiPropertyOptional({ description: 'The stage (its key); the first when not given.' })
  @IsOptionalNotNull()
  @IsString()
  @Matches(CONTENT_KEY, { message: 'must be a stage key' })
  stage?: string;

  @ApiProperty({ enum: ['confirmed', 'adjusted'] })
  @IsString()
  @Matches(/^(confirmed|adjusted)$/, { message: 'outcome must be confirmed or adjusted' })
  outcome: 'confirmed' | 'adjusted';

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 100,
    description:
      'The moderated weighted score (0–100); required for `adjusted`, refused otherwise.',
  })
  @IsOptionalNotNull()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  adjustedScore?: number;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(2000)
  reason: string;
}

export class ModerationOutcomeView {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() stage: string;
  @ApiProperty({ enum: ['confirmed', 'adjusted'] }) outcome: 'confirmed' | 'adjusted';
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The ranking’s weighted score when moderated.',
  })
  rankedScore: number | null;
  @ApiProperty({ type: Number, nullable: true }) adjustedScore: number | null;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date-time' }) decidedAt: string;
}
