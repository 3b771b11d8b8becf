import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsNotEmpty,
  IsString,
  IsUUID,
  IsUrl,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { IsOptionalNotNull } from '@catalyst/common';
import { trimmed } from '../trimmed';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const SLUG_MESSAGE = 'slug must be lower-case letters and digits, with single hyphens between them';
const optionalNullable = (_: unknown, value: unknown) => value !== null && value !== undefined;

/** The fields a programme's managers edit (its operator is fixed). `null` clears an optional one. */
export class UpdateProgrammeDto {
  @ApiPropertyOptional({ example: 'CivTech', maxLength: 200 })
  @IsOptionalNotNull()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: 'civtech', maxLength: 60, pattern: SLUG.source })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(60)
  @Matches(SLUG, { message: SLUG_MESSAGE })
  slug?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1000 })
  @ValidateIf(optionalNullable)
  @Transform(trimmed)
  @IsString()
  @MaxLength(1000)
  shortDescription?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'civtech@example.gov.uk' })
  @ValidateIf(optionalNullable)
  @IsEmail()
  @MaxLength(320)
  contactEmail?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'https://www.civtech.scot' })
  @ValidateIf(optionalNullable)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  websiteUrl?: string | null;

  @ApiPropertyOptional({ example: 'Europe/London', description: 'Default time zone of new rounds' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(64)
  timezone?: string;

  @ApiPropertyOptional({ example: 'GBP', description: 'ISO 4217 currency' })
  @IsOptionalNotNull()
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be three capital letters (ISO 4217)' })
  currency?: string;
}

/** A new programme (instance administrators). */
export class CreateProgrammeDto extends UpdateProgrammeDto {
  @ApiProperty({ format: 'uuid', description: 'The operator organisation that runs it' })
  @IsUUID()
  operatorOrganisationId: string;

  @ApiProperty({ example: 'CivTech', maxLength: 200 })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  declare name: string;

  @ApiProperty({ example: 'civtech', maxLength: 60, pattern: SLUG.source })
  @IsString()
  @MaxLength(60)
  @Matches(SLUG, { message: SLUG_MESSAGE })
  declare slug: string;
}
