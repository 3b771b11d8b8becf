import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsOptionalNotNull } from '@catalyst/common';
import { trimmed } from '../trimmed';

export class UpdateMeDto {
  @ApiPropertyOptional({ example: 'Ada King', maxLength: 200 })
  @IsOptionalNotNull()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;
}
