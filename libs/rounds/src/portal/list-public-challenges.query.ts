import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto, IsOptionalNotNull } from '@catalyst/common';
import { IsPlainText } from '../shared/input.validators';

export class PublicChallengeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Exact tag (case-insensitive)' })
  @IsOptionalNotNull()
  @IsString()
  @IsPlainText()
  @MaxLength(50)
  tag?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this sponsor’s challenges' })
  @IsOptionalNotNull()
  @IsUUID()
  sponsorOrganisationId?: string;

  @ApiPropertyOptional({
    description: 'Full-text search over title, summary and problem statement (English stemming)',
  })
  @IsOptionalNotNull()
  @IsString()
  @IsPlainText()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({
    example: 'civtech',
    description: 'Only this programme’s challenges (its slug)',
  })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(60)
  programme?: string;
}
