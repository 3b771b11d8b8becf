import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  IsUrl,
  MaxLength,
} from 'class-validator';
import { IsOptionalNotNull } from '@catalyst/common';
import { RAG_STATUSES, RagStatus } from './progress-update.entity';

/** The author's correction within 24 hours of logging. */
export class UpdateProgressUpdateDto {
  @ApiPropertyOptional({ enum: RAG_STATUSES })
  @IsOptionalNotNull()
  @IsIn(RAG_STATUSES)
  rag?: RagStatus;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  summary?: string;

  @ApiPropertyOptional({ type: String, maxLength: 5000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  blockers?: string | null;

  @ApiPropertyOptional({ type: String, maxLength: 5000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  asksForHelp?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { each: true })
  @MaxLength(2000, { each: true })
  evidenceUrls?: string[];

  @ApiPropertyOptional({
    type: [String],
    description:
      'Documents attached to this update (POST /documents with attachToType progress_update), replacing the list',
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  documentIds?: string[];
}
