import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsOptionalNotNull, MoneyDto } from '@catalyst/common';
import { IsCalendarDate } from '@catalyst/rounds/shared/iso-time.validators';
import { PROCUREMENT_ROUTES, ProcurementRoute } from './contract.state-machine';

/** A draft's terms; after the award they change only by amendment. */
export class UpdateContractDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  reference?: string;

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ enum: PROCUREMENT_ROUTES })
  @IsOptionalNotNull()
  @IsIn(PROCUREMENT_ROUTES)
  procurementRoute?: ProcurementRoute;

  @ApiPropertyOptional({ type: MoneyDto })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => MoneyDto)
  value?: MoneyDto;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  startsOn?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  endsOn?: string;
}
