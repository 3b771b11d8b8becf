import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '@catalyst/common';
import { CHALLENGE_STATUSES, ChallengeStatus } from './challenge.state-machine';
import { IsPlainText } from '../shared/input.validators';

export class ChallengeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  roundId?: string;

  @ApiPropertyOptional({ enum: CHALLENGE_STATUSES })
  @IsOptional()
  @IsIn(CHALLENGE_STATUSES)
  status?: ChallengeStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  sponsorOrganisationId?: string;

  @ApiPropertyOptional({ description: 'Exact tag (case-insensitive)' })
  @IsOptional()
  @IsString()
  @IsPlainText()
  @MaxLength(50)
  tag?: string;

  @ApiPropertyOptional({
    description:
      'Full-text search over title, summary and problem statement (English stemming; ' +
      'web-search syntax: "exact phrase", or, -exclude)',
  })
  @IsOptional()
  @IsString()
  @IsPlainText()
  @MaxLength(200)
  q?: string;
}
