import {
  Body,
  Controller,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  AcceptedInvitationDto,
  AcceptInvitationDto,
  AcceptInvitationService,
  Actor,
  InvitationDto,
  InvitationsService,
  InvitationTransitionDto,
} from '@catalyst/identity';
import { parseIfMatch } from '@catalyst/common';
import { CorrelationId } from '../auth/correlation-id.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Public, Roles } from '../auth/route-policy.decorator';
import { AuthRateLimitGuard } from './rate-limit/auth-rate-limit.guard';

@ApiTags('organisations')
@Controller('invitations')
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly acceptance: AcceptInvitationService,
  ) {}

  @Post(':token/accept')
  @Public()
  @UseGuards(AuthRateLimitGuard)
  @ApiOperation({
    summary: 'Accept an invitation: create the account, or join with an existing one',
    description:
      'When the invited e-mail has no account, `name` and `password` create it (the password ' +
      'rule applies: 400 `password.rejected`). When it has one, `password` must be that ' +
      'account’s password and the membership is added to it (`name` is ignored). A wrong ' +
      'password and a missing name give the same 400 `invitation.not_accepted`, so the answer ' +
      'does not tell whether the address has an account. Single use: a used or revoked ' +
      'invitation answers 409, an expired one 422. Sign in afterwards with POST /auth/login.',
  })
  @ApiCreatedResponse({ type: AcceptedInvitationDto })
  @ApiBadRequestResponse({
    description:
      'Invalid input; `password.rejected` (the password rule); `invitation.not_accepted` ' +
      '(no name for a new account, or not the existing account’s password: one answer)',
  })
  @ApiNotFoundResponse({ description: 'No invitation has this token' })
  @ApiConflictResponse({ description: 'Already accepted or revoked, or already a member' })
  @ApiUnprocessableEntityResponse({ description: 'The invitation has expired' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address' })
  accept(
    @Param('token') token: string,
    @Body() body: AcceptInvitationDto,
    @CorrelationId() correlationId?: string,
  ): Promise<AcceptedInvitationDto> {
    return this.acceptance.accept(token, body, correlationId);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @Roles('programme_manager', 'sponsor', 'startup_member')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Revoke a pending invitation: { "to": "revoked", "reason"? }',
    description:
      'For programme managers, sponsors for their own organisation and a company’s members ' +
      'for their own company. 409 (with `allowed`) ' +
      'when the invitation is no longer pending; 409 `invitation.stale_version` for a stale ' +
      'If-Match. Audited as `invitation.revoked`.',
  })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The version you last read; 409 when the invitation has changed since',
  })
  @ApiOkResponse({ type: InvitationDto })
  @ApiForbiddenResponse({ description: 'That move is not yours to make' })
  @ApiNotFoundResponse({ description: 'No such invitation, or not one you manage' })
  @ApiConflictResponse({ description: 'Not allowed from the current status' })
  transition(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: InvitationTransitionDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<InvitationDto> {
    return this.invitations.transition(actor, id, body, parseIfMatch(ifMatch));
  }
}
