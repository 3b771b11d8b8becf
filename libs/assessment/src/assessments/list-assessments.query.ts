import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsString, IsUUID, Matches } from 'class-validator';
import { CONTENT_KEY } from '@catalyst/rounds';
import { PageQueryDto, IsOptionalNotNull } from '@catalyst/common';
import { ASSESSMENT_STATUSES, AssessmentStatus } from './assessment.statuses';

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListAssessmentsQuery extends PageQueryDto {
  @ApiPropertyOptional({
    description:
      'Only the caller’s own assessments. Assessors always see only their own; programme ' +
      'managers see all unless this is true.',
  })
  @IsOptionalNotNull()
  @Transform(toBoolean)
  @IsBoolean()
  mine?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID()
  challengeId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID()
  applicationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Programme managers only.' })
  @IsOptionalNotNull()
  @IsUUID()
  assessorUserId?: string;

  @ApiPropertyOptional({ description: 'Only this stage’s assessments (its key).' })
  @IsOptionalNotNull()
  @IsString()
  @Matches(CONTENT_KEY, { message: 'must be a stage key' })
  stage?: string;

  @ApiPropertyOptional({ enum: ASSESSMENT_STATUSES })
  @IsOptionalNotNull()
  @IsIn(ASSESSMENT_STATUSES)
  status?: AssessmentStatus;
}
