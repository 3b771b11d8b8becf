import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '@catalyst/rounds/shared/iso-time.validators';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class RecordPaymentDto {
  @ApiProperty({ format: 'date', example: '2027-05-20' })
  @IsCalendarDate()
  paidOn: string;

  @ApiProperty({ maxLength: 200, example: 'PO-2027-0042' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reference: string;
}
