import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsOptionalNotNull } from '@catalyst/common';

export class DeclareConflictDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The company. Give this or `applicationId` (one of its applications).',
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
  @ApiPropertyOptional({ format: 'uuid', description: 'Absent for assessors in blind rounds.' })
  startupOrganisationId?: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) challengeId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) applicationId: string | null;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'uuid' }) declaredByUserId: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({
    type: [String],
    description: 'Assessments this declaration took out of every calculation (on creation).',
  })
  conflictedAssessmentIds?: string[];
}

export class ConflictPageView {
  @ApiProperty({ type: [ConflictView] }) items: ConflictView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
