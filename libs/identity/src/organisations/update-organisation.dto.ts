import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsString, IsUrl, MaxLength, ValidateIf } from 'class-validator';
import { IsOptionalNotNull } from '@catalyst/common';
import { trimmed } from '../trimmed';

/** The editable fields of an organisation (its kind is fixed). `null` clears an optional one. */
export class UpdateOrganisationDto {
  @ApiPropertyOptional({ example: 'City of Edinburgh Council', maxLength: 200 })
  @IsOptionalNotNull()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: Boolean, nullable: true, description: 'Startups only' })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsBoolean()
  sme?: boolean | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'https://www.edinburgh.gov.uk' })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  website?: string | null;
}
