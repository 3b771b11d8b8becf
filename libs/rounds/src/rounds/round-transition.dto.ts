import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ROUND_STATUSES, RoundStatus } from './round.state-machine';
import { IsPlainText } from '../shared/input.validators';

export class RoundTransitionDto {
  @ApiProperty({
    enum: ROUND_STATUSES,
    example: 'open',
    description: 'The state to move the round to',
  })
  @IsIn(ROUND_STATUSES)
  to: RoundStatus;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Why; required to cancel' })
  @IsOptional()
  @IsString()
  @IsPlainText()
  @MaxLength(2000)
  reason?: string;
}
