import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsString, IsUUID, IsUrl, MaxLength } from 'class-validator';
import { IsOptionalNotNull } from '@catalyst/common';
import { MILESTONE_STATUSES, MilestoneStatus } from './milestone.state-machine';

export class MilestoneTransitionDto {
  @ApiProperty({
    enum: MILESTONE_STATUSES,
    description:
      'The team: `in_progress`, `submitted` (with evidenceUrls and/or documentIds; once the plan ' +
      'is agreed). The sponsor: `accepted`, `changes_requested` (with a reason). A programme ' +
      'manager may make either side’s moves, audited as acting on its behalf.',
  })
  @IsIn(MILESTONE_STATUSES)
  to: MilestoneStatus;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({ type: [String], description: 'Links to the evidence (http or https)' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { each: true })
  @MaxLength(2000, { each: true })
  evidenceUrls?: string[];

  @ApiPropertyOptional({
    type: [String],
    description: 'Documents uploaded and attached to this milestone (POST /documents)',
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  documentIds?: string[];
}
