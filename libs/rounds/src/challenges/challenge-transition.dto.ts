import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { CHALLENGE_STATUSES, ChallengeStatus } from './challenge.state-machine';
import { IsPlainText } from '../shared/input.validators';
import { IsOptionalNotNull } from '@catalyst/common';

export class ChallengeTransitionDto {
  @ApiProperty({
    enum: CHALLENGE_STATUSES,
    example: 'submitted',
    description: 'The state to move the challenge to',
  })
  @IsIn(CHALLENGE_STATUSES)
  to: ChallengeStatus;

  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'Why; required to withdraw, and for a programme manager sending one back to draft',
  })
  @IsOptionalNotNull()
  @IsString()
  @IsPlainText()
  @MaxLength(2000)
  reason?: string;
}
