import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { AssessmentSummaryView } from '../assessments/assessment.view';
import { IsOptionalNotNull } from '@catalyst/common';

export class RunAssignmentDto {
  @ApiProperty({ minimum: 1, maximum: 20, example: 3 })
  @IsInt()
  @Min(1)
  @Max(20)
  perApplication: number;
}

export class AssignmentPairDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  applicationId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  assessorUserId: string;
}

export class BulkAssignmentDto {
  @ApiPropertyOptional({ type: [AssignmentPairDto], maxItems: 1000 })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => AssignmentPairDto)
  add?: AssignmentPairDto[];

  @ApiPropertyOptional({ type: [AssignmentPairDto], maxItems: 1000 })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => AssignmentPairDto)
  remove?: AssignmentPairDto[];
}

export class ShortfallView {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ description: 'Counting (non-conflicted) assessors it has now.' })
  assessors: number;
  @ApiProperty({ description: 'How many more it needs; too few eligible panel members.' })
  missing: number;
}

export class AssignmentRunView {
  @ApiProperty() perApplication: number;
  @ApiProperty({ type: [AssessmentSummaryView], description: 'The assignments this run created.' })
  items: AssessmentSummaryView[];
  @ApiProperty({ type: [ShortfallView] }) shortfalls: ShortfallView[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Counting assessments per panel member after the run.',
  })
  loads: Record<string, number>;
}

export class BulkAssignmentView {
  @ApiProperty({ type: [AssessmentSummaryView] }) added: AssessmentSummaryView[];
  @ApiProperty({ type: [AssignmentPairDto] }) removed: AssignmentPairDto[];
}
