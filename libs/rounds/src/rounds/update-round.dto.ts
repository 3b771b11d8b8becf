import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength, ValidateIf } from 'class-validator';
import { IsCalendarDate, IsTimestampWithOffset } from '../shared/iso-time.validators';
import { IsNotBlank, IsOptionalNotNull, IsPlainText } from '../shared/input.validators';

/**
 * A partial edit. Once the round is open, moving `opensAt` or `closesAt` needs `reason`
 * (422 without one); after the open call has ended they no longer move.
 */
export class UpdateRoundDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptionalNotNull()
  @IsString()
  @IsNotBlank()
  @IsPlainText()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: 'Europe/London' })
  @IsOptionalNotNull()
  @IsString()
  @IsPlainText()
  @MaxLength(64)
  timezone?: string;

  @ApiPropertyOptional({ example: '2027-02-01T09:00:00Z' })
  @IsOptionalNotNull()
  @IsTimestampWithOffset()
  opensAt?: string;

  @ApiPropertyOptional({ example: '2027-03-22T12:00:00Z' })
  @IsOptionalNotNull()
  @IsTimestampWithOffset()
  closesAt?: string;

  @ApiPropertyOptional({ example: '2027-05-03' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  acceleratorStartsOn?: string;

  @ApiPropertyOptional({ example: '2027-08-20' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  acceleratorEndsOn?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    example: '2027-08-26',
    nullable: true,
    description: 'null clears it',
  })
  @ValidateIf((_: UpdateRoundDto, value: unknown) => value !== undefined && value !== null)
  @IsCalendarDate()
  demoDayOn?: string | null;

  @ApiPropertyOptional({ description: 'Only while the round is draft or open' })
  @IsOptionalNotNull()
  @IsBoolean()
  blindReview?: boolean;

  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'Why the dates move; required to move opensAt/closesAt of an open round',
  })
  @IsOptionalNotNull()
  @IsString()
  @IsPlainText()
  @MaxLength(2000)
  reason?: string;
}
