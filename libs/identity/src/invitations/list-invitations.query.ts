import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { PageQueryDto, IsOptionalNotNull } from '@catalyst/common';
import { INVITATION_STATUSES, type InvitationStatus } from './invitation.state-machine';

export class ListInvitationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: INVITATION_STATUSES })
  @IsOptionalNotNull()
  @IsIn(INVITATION_STATUSES)
  status?: InvitationStatus;
}
