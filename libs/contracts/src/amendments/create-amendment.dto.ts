import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsOptionalNotNull, MoneyDto } from '@catalyst/common';
import { IsCalendarDate } from '@catalyst/rounds/shared/iso-time.validators';
import { AMENDMENT_KINDS, AmendmentKind } from './contract-amendment.entity';

export class CreateAmendmentDto {
  @ApiProperty({
    enum: AMENDMENT_KINDS,
    description: '`extension` needs `endsOn`, `value_change` needs `value`, the third both',
  })
  @IsIn(AMENDMENT_KINDS)
  kind: AmendmentKind;

  @ApiPropertyOptional({ format: 'date', description: 'The new end date, after the current one' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  endsOn?: string;

  @ApiPropertyOptional({
    type: MoneyDto,
    description: 'The new total value, in the contract’s currency, not below what is paid',
  })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => MoneyDto)
  value?: MoneyDto;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;

  @ApiPropertyOptional({
    type: [String],
    description:
      'Documents already attached to the contract (`attachToType: contract`) that this amendment rests on',
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  documentIds?: string[];
}
