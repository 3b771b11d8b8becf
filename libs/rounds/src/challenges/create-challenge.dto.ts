import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ChallengeBudgetDto, QuestionDto, RubricCriterionDto } from './challenge-content.dto';
import { IsNotBlank, IsPlainText } from '../shared/input.validators';
import { IsOptionalNotNull } from '@catalyst/common';

export class CreateChallengeDto {
  @ApiProperty({ format: 'uuid', description: 'The public body that owns the challenge' })
  @IsUUID()
  sponsorOrganisationId: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotBlank()
  @IsPlainText()
  @MaxLength(200)
  title: string;

  @ApiProperty({ maxLength: 1000, description: 'One or two sentences for listings' })
  @IsString()
  @IsNotBlank()
  @IsPlainText()
  @MaxLength(1000)
  summary: string;

  @ApiProperty({ maxLength: 20000, description: 'The problem in plain words; searchable' })
  @IsString()
  @IsNotBlank()
  @IsPlainText()
  @MaxLength(20000)
  problemStatement: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: 20,
    description: 'Kept lower-case, without duplicates',
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotBlank({ each: true })
  @IsPlainText({ each: true })
  @MaxLength(50, { each: true })
  tags?: string[];

  @ApiProperty({ type: ChallengeBudgetDto })
  @ValidateNested()
  @Type(() => ChallengeBudgetDto)
  budget: ChallengeBudgetDto;

  @ApiProperty({
    type: [QuestionDto],
    description: 'At least one; keys unique',
    example: [
      {
        key: 'approach',
        label: 'How would you approach the problem?',
        type: 'text',
        required: true,
        maxLength: 3000,
      },
      {
        key: 'stage',
        label: 'How mature is your product?',
        type: 'choice',
        required: true,
        options: ['idea', 'pilot', 'in service'],
      },
      { key: 'website', label: 'Your website', type: 'url', required: false, identifying: true },
    ],
  })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => QuestionDto)
  questions: QuestionDto[];

  @ApiProperty({ type: [RubricCriterionDto], description: 'At least one; keys unique' })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RubricCriterionDto)
  rubric: RubricCriterionDto[];
}
