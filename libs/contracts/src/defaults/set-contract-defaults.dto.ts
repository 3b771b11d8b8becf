import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min, ValidateNested } from 'class-validator';
import { IsOptionalNotNull, MoneyDto } from '@catalyst/common';

export class ExplorationDefaultDto {
  @ApiProperty({ type: MoneyDto, description: 'The fixed fee, e.g. £5,000' })
  @ValidateNested()
  @Type(() => MoneyDto)
  value: MoneyDto;

  @ApiPropertyOptional({ minimum: 1, maximum: 365, default: 21, description: 'How long it runs' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(365)
  days?: number;
}

export class AcceleratorDefaultDto {
  @ApiProperty({ type: MoneyDto })
  @ValidateNested()
  @Type(() => MoneyDto)
  value: MoneyDto;
}

/** The whole of a round's defaults: a kind left out has none (no contract is drafted for it). */
export class SetContractDefaultsDto {
  @ApiPropertyOptional({ type: ExplorationDefaultDto })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => ExplorationDefaultDto)
  exploration?: ExplorationDefaultDto;

  @ApiPropertyOptional({ type: AcceleratorDefaultDto })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => AcceleratorDefaultDto)
  accelerator?: AcceleratorDefaultDto;
}
