import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto, IsOptionalNotNull } from '@catalyst/common';
import { CHALLENGE_STATUSES, ChallengeStatus } from './challenge.state-machine';
import { IsPlainText } from '../shared/input.validators';

export class ChallengeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this programme’s' })
  @IsOptionalNotNull()
  @IsUUID()
  programmeId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID()
  roundId?: string;

  @ApiPropertyOptional({ enum: CHALLENGE_STATUSES })
  @IsOptionalNotNull()
  @IsIn(CHALLENGE_STATUSES)
  status?: ChallengeStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID()
  sponsorOrganisationId?: string;

  @ApiPropertyOptional({ description: 'Exact tag (case-insensitive)' })
  @IsOptionalNotNull()
  @IsString()
  @IsPlainText()
  @MaxLength(50)
  tag?: string;

  @ApiPropertyOptional({
    description:
      'Full-text search over title, summary and problem statement (English stemming; ' +
      'web-search syntax: "exact phrase", or, -exclude)',
  })
  @IsOptionalNotNull()
  @IsString()
  @IsPlainText()
  @MaxLength(200)
  q?: string;
}
