import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '@catalyst/common';
import { ASSESSMENT_STATUSES, AssessmentStatus } from './assessment.statuses';

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListAssessmentsQuery extends PageQueryDto {
  @ApiPropertyOptional({
    description:
      'Only the caller’s own assessments. Assessors always see only their own; programme ' +
      'managers see all unless this is true.',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  mine?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  challengeId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  applicationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Programme managers only.' })
  @IsOptional()
  @IsUUID()
  assessorUserId?: string;

  @ApiPropertyOptional({ enum: ASSESSMENT_STATUSES })
  @IsOptional()
  @IsIn(ASSESSMENT_STATUSES)
  status?: AssessmentStatus;
}
