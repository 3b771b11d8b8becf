import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '@catalyst/common';
import { IsPlainText } from '../shared/input.validators';

export class PublicChallengeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Exact tag (case-insensitive)' })
  @IsOptional()
  @IsString()
  @IsPlainText()
  @MaxLength(50)
  tag?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this sponsor’s challenges' })
  @IsOptional()
  @IsUUID()
  sponsorOrganisationId?: string;

  @ApiPropertyOptional({
    description: 'Full-text search over title, summary and problem statement (English stemming)',
  })
  @IsOptional()
  @IsString()
  @IsPlainText()
  @MaxLength(200)
  q?: string;
}
