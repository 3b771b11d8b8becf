import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsOptionalNotNull } from '@catalyst/common';

export class DeclareConflictDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The company. Give this or `applicationId` (one of its applications). Not for assessors ' +
      'in a blind round (422 `conflict.blind_needs_application`): they name the application.',
  })
  @IsOptionalNotNull()
  @IsUUID()
  startupOrganisationId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'An application to this challenge; the conflict is with its company.',
  })
  @IsOptionalNotNull()
  @IsUUID()
  applicationId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The panel member conflicted (programme managers only; defaults to the caller).',
  })
  @IsOptionalNotNull()
  @IsUUID()
  assessorUserId?: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(2000)
  reason: string;
}

export class ConflictView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) assessorUserId: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Absent for assessors in blind rounds, and everywhere for a declaration made in a blind ' +
      'round (it would name the blind applicant next to its application id).',
  })
  startupOrganisationId?: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) challengeId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) applicationId: string | null;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'uuid' }) declaredByUserId: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({
    type: [String],
    description:
      'Assessments this declaration moved to `conflicted` (on creation): in its challenge, and ' +
      'in other challenges only where neither round is blind.',
  })
  conflictedAssessmentIds?: string[];
}

export class ConflictPageView {
  @ApiProperty({ type: [ConflictView] }) items: ConflictView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
