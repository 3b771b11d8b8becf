import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsString, IsUrl, MaxLength } from 'class-validator';
import { ORGANISATION_KINDS, type OrganisationKind } from '../roles';
import { trimmed } from '../trimmed';
import { IsOptionalNotNull } from '@catalyst/common';

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Brightwater Analytics Ltd', maxLength: 200 })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: ORGANISATION_KINDS, example: 'startup' })
  @IsIn(ORGANISATION_KINDS)
  kind: OrganisationKind;

  @ApiPropertyOptional({
    example: true,
    description: 'Small or medium-sized enterprise; startups only',
  })
  @IsOptionalNotNull()
  @IsBoolean()
  sme?: boolean;

  @ApiPropertyOptional({ example: 'https://brightwater.example', maxLength: 500 })
  @IsOptionalNotNull()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  website?: string;
}
