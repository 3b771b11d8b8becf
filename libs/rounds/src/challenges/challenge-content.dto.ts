import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsPositive,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MoneyDto, IsOptionalNotNull } from '@catalyst/common';
import { QUESTION_TYPES, QuestionType } from './challenge.types';
import { IsNotBlank, IsPlainText } from '../shared/input.validators';

/** Keys name answers and scores in JSON: a letter, then letters, digits, `_` or `-`. */
export const CONTENT_KEY = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const KEY_MESSAGE = '$property must start with a letter and hold only letters, digits, _ or -';

export class QuestionDto {
  @ApiProperty({ example: 'approach', pattern: CONTENT_KEY.source })
  @IsString()
  @Matches(CONTENT_KEY, { message: KEY_MESSAGE })
  key: string;

  @ApiProperty({ example: 'How would you approach the problem?', maxLength: 500 })
  @IsString()
  @IsNotBlank()
  @IsPlainText()
  @MaxLength(500)
  label: string;

  @ApiProperty({ enum: QUESTION_TYPES })
  @IsIn(QUESTION_TYPES)
  type: QuestionType;

  @ApiProperty()
  @IsBoolean()
  required: boolean;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 100000,
    description: 'Text questions only: longest answer in characters (5000 when omitted)',
  })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(100000)
  maxLength?: number;

  @ApiPropertyOptional({
    type: [String],
    description: 'Choice questions only (and required for them): the possible answers',
  })
  @IsOptionalNotNull()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotBlank({ each: true })
  @IsPlainText({ each: true })
  @MaxLength(200, { each: true })
  options?: string[];

  @ApiPropertyOptional({
    description: 'The answer identifies the company (e.g. its website): hidden in blind review',
  })
  @IsOptionalNotNull()
  @IsBoolean()
  identifying?: boolean;
}

export class RubricCriterionDto {
  @ApiProperty({ example: 'impact', pattern: CONTENT_KEY.source })
  @IsString()
  @Matches(CONTENT_KEY, { message: KEY_MESSAGE })
  key: string;

  @ApiProperty({ example: 'Impact on residents', maxLength: 200 })
  @IsString()
  @IsNotBlank()
  @IsPlainText()
  @MaxLength(200)
  label: string;

  @ApiProperty({
    example: 3,
    minimum: 0,
    exclusiveMinimum: true,
    description: 'Relative weight, > 0',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(1000)
  weight: number;

  @ApiProperty({
    example: 10,
    minimum: 0,
    exclusiveMinimum: true,
    description: 'Highest score, > 0',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(1000)
  maxScore: number;

  @ApiPropertyOptional({ maxLength: 2000, description: 'What a high score looks like' })
  @IsOptionalNotNull()
  @IsString()
  @IsPlainText()
  @MaxLength(2000)
  description?: string;
}

/** Money per stage, all in one currency. */
export class ChallengeBudgetDto {
  @ApiPropertyOptional({ type: MoneyDto, description: 'Paid exploration stage' })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => MoneyDto)
  exploration?: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: 'Accelerator contract value' })
  @ValidateNested()
  @Type(() => MoneyDto)
  accelerator: MoneyDto;

  @ApiPropertyOptional({ type: MoneyDto, description: 'Likely follow-on procurement' })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => MoneyDto)
  followOn?: MoneyDto;
}
