import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { ASSESSMENT_STATUSES, AssessmentStatus } from './assessment.statuses';
import { IsOptionalNotNull } from '@catalyst/common';

export class AssessmentTransitionDto {
  @ApiProperty({
    enum: ASSESSMENT_STATUSES,
    example: 'submitted',
    description:
      '`submitted` (the assessor, every criterion scored), `conflicted` (the assessor or a ' +
      'programme manager, with a reason: takes it out of every calculation and records a ' +
      'conflict declaration with the company), `assigned` (a programme manager reopening a ' +
      'submitted assessment, with a reason).',
  })
  @IsIn(ASSESSMENT_STATUSES)
  to: AssessmentStatus;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
