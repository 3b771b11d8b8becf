import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNotEmpty, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { IsOptionalNotNull, MoneyDto } from '@catalyst/common';
import { IsCalendarDate } from '@catalyst/rounds/shared/iso-time.validators';

export class CreateMilestoneDto {
  @ApiProperty({ maxLength: 200, example: 'Pilot sensors in three culverts' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ maxLength: 5000, description: 'What the sponsor checks before accepting' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(5000)
  acceptanceCriteria?: string;

  @ApiProperty({ format: 'date', example: '2027-05-14', description: 'In the round’s time zone' })
  @IsCalendarDate()
  dueOn: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The sprint it is planned in' })
  @IsOptionalNotNull()
  @IsUUID()
  sprintId?: string;

  @ApiPropertyOptional({
    type: MoneyDto,
    description: 'Paid once accepted; in the programme’s currency',
  })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => MoneyDto)
  payment?: MoneyDto;

  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'Required from a programme manager changing an agreed plan',
  })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
