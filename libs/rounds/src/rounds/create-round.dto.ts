import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsCalendarDate, IsTimestampWithOffset } from '../shared/iso-time.validators';
import { IsNotBlank, IsPlainText } from '../shared/input.validators';
import { IsOptionalNotNull } from '@catalyst/common';

export class CreateRoundDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The programme the round belongs to (one you manage); required only when you manage several',
  })
  @IsOptionalNotNull()
  @IsUUID()
  programmeId?: string;

  @ApiProperty({ example: 'CivTech 11', maxLength: 200 })
  @IsString()
  @IsNotBlank()
  @IsPlainText()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({
    example: 'Europe/London',
    description:
      'IANA time zone the round’s dates are shown in; defaults to the programme’s time zone',
  })
  @IsOptionalNotNull()
  @IsString()
  @IsPlainText()
  @MaxLength(64)
  timezone?: string;

  @ApiProperty({ example: '2027-02-01T09:00:00Z', description: 'When the open call opens' })
  @IsTimestampWithOffset()
  opensAt: string;

  @ApiProperty({
    example: '2027-03-15T12:00:00Z',
    description: 'Application deadline; must be after opensAt',
  })
  @IsTimestampWithOffset()
  closesAt: string;

  @ApiProperty({
    example: '2027-05-03',
    description: 'First day of the accelerator; not before the call closes (in the round’s zone)',
  })
  @IsCalendarDate()
  acceleratorStartsOn: string;

  @ApiProperty({ example: '2027-08-20', description: 'Last day; on or after acceleratorStartsOn' })
  @IsCalendarDate()
  acceleratorEndsOn: string;

  @ApiPropertyOptional({ example: '2027-08-26', description: 'Not before acceleratorStartsOn' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  demoDayOn?: string;

  @ApiPropertyOptional({ default: false, description: 'Hide applicants’ identity from assessors' })
  @IsOptionalNotNull()
  @IsBoolean()
  blindReview?: boolean;
}
