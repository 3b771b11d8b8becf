import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { IsOptionalNotNull } from '@catalyst/common';
import { CONTRACT_STATUSES, ContractStatus } from './contract.state-machine';

export class ContractTransitionDto {
  @ApiProperty({ enum: CONTRACT_STATUSES })
  @IsIn(CONTRACT_STATUSES)
  to: ContractStatus;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Required to terminate' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
