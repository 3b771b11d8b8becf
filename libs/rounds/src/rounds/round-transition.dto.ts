import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { ROUND_STATUSES, RoundStatus } from './round.state-machine';
import { IsPlainText } from '../shared/input.validators';
import { IsOptionalNotNull } from '@catalyst/common';

export class RoundTransitionDto {
  @ApiProperty({
    enum: ROUND_STATUSES,
    example: 'open',
    description: 'The state to move the round to',
  })
  @IsIn(ROUND_STATUSES)
  to: RoundStatus;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Why; required to cancel' })
  @IsOptionalNotNull()
  @IsString()
  @IsPlainText()
  @MaxLength(2000)
  reason?: string;
}
