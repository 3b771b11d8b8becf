import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { INVITATION_STATUSES, type InvitationStatus } from './invitation.state-machine';
import { IsOptionalNotNull } from '@catalyst/common';

export class InvitationTransitionDto {
  @ApiProperty({
    enum: INVITATION_STATUSES,
    example: 'revoked',
    description:
      'Inviters may move a pending invitation to `revoked`; acceptance has its own route',
  })
  @IsIn(INVITATION_STATUSES)
  to: InvitationStatus;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
