import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsString,
  IsUUID,
  IsUrl,
  MaxLength,
} from 'class-validator';
import { IsOptionalNotNull } from '@catalyst/common';
import { RAG_STATUSES, RagStatus } from './progress-update.entity';

export class CreateProgressUpdateDto {
  @ApiProperty({ enum: RAG_STATUSES, description: 'Red, amber or green: how the sprint is going' })
  @IsIn(RAG_STATUSES)
  rag: RagStatus;

  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  summary: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(5000)
  blockers?: string;

  @ApiPropertyOptional({
    maxLength: 5000,
    description: 'What the team asks the sponsor or programme for',
  })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(5000)
  asksForHelp?: string;

  @ApiPropertyOptional({ type: [String], description: 'Links to the evidence (http or https)' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { each: true })
  @MaxLength(2000, { each: true })
  evidenceUrls?: string[];

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The sprint it reports on; the sprint covering today when omitted',
  })
  @IsOptionalNotNull()
  @IsUUID()
  sprintId?: string;
}
