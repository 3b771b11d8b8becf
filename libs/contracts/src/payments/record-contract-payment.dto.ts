import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNotEmpty, IsString, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsOptionalNotNull, MoneyDto } from '@catalyst/common';
import { IsCalendarDate } from '@catalyst/rounds/shared/iso-time.validators';

/** A payment's amount: money, more than nothing (a negative or zero amount is 400). */
export class PaymentAmountDto extends MoneyDto {
  @ApiProperty({
    example: 500000,
    minimum: 1,
    description: 'Integer amount in minor units, at least 1',
  })
  @Min(1)
  override amountMinor: number;
}

export class RecordContractPaymentDto {
  @ApiProperty({ type: PaymentAmountDto })
  @ValidateNested()
  @Type(() => PaymentAmountDto)
  amount: PaymentAmountDto;

  @ApiProperty({ format: 'date', description: 'The day it was paid, not after today' })
  @IsCalendarDate()
  paidOn: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'PO-2027-0042' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reference?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'An accepted, unpaid milestone of the contract’s team: recorded paid in the accelerator in the same step (programme managers)',
  })
  @IsOptionalNotNull()
  @IsUUID()
  milestoneId?: string;
}

export class ReversePaymentDto {
  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}
