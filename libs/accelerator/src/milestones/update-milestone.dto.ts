import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsOptionalNotNull, MoneyDto } from '@catalyst/common';
import { IsCalendarDate } from '@catalyst/rounds/shared/iso-time.validators';

/** Fields that change the agreed plan: after agreement they need the sponsor or a reason. */
export const PLAN_FIELDS = ['dueOn', 'payment', 'acceptanceCriteria'] as const;

export class UpdateMilestoneDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ type: String, maxLength: 5000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @ApiPropertyOptional({ type: String, maxLength: 5000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  acceptanceCriteria?: string | null;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  dueOn?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  sprintId?: string | null;

  @ApiPropertyOptional({ type: MoneyDto, nullable: true, description: 'null removes it' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyDto)
  payment?: MoneyDto | null;

  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'Required from a programme manager changing an agreed plan',
  })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class RemoveMilestoneDto {
  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'Required from a programme manager changing an agreed plan',
  })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
