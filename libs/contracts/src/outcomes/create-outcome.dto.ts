import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsOptionalNotNull, MoneyDto } from '@catalyst/common';
import { IsCalendarDate } from '@catalyst/rounds/shared/iso-time.validators';
import { OUTCOME_KINDS, OutcomeKind } from './outcome.entity';

export class CreateOutcomeDto {
  @ApiProperty({ enum: OUTCOME_KINDS })
  @IsIn(OUTCOME_KINDS)
  kind: OutcomeKind;

  @ApiPropertyOptional({ type: MoneyDto, description: 'Investment raised or revenue' })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => MoneyDto)
  value?: MoneyDto;

  @ApiPropertyOptional({ minimum: 0, description: 'Jobs created' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  count?: number;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Another public buyer, when it is on Catalyst',
  })
  @IsOptionalNotNull()
  @IsUUID()
  buyerOrganisationId?: string;

  @ApiPropertyOptional({ maxLength: 300, description: 'Another public buyer, by name' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  buyerName?: string;

  @ApiProperty({ format: 'date', description: 'The date the result refers to' })
  @IsCalendarDate()
  reportedOn: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The outcome this entry corrects (the same kind); the corrected one stays in the history',
  })
  @IsOptionalNotNull()
  @IsUUID()
  correctsOutcomeId?: string;
}
