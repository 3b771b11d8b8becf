import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  Actor,
  CompletePasswordResetDto,
  PasswordResetIssuedDto,
  PasswordsService,
  RequestPasswordResetDto,
} from '@catalyst/identity';
import { CorrelationId } from '../auth/correlation-id.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Public, Roles } from '../auth/route-policy.decorator';
import { AuthRateLimitGuard } from './rate-limit/auth-rate-limit.guard';

@ApiTags('auth')
@Controller()
export class PasswordResetsController {
  constructor(private readonly passwords: PasswordsService) {}

  @Post('auth/password-resets')
  @Public()
  @HttpCode(202)
  @UseGuards(AuthRateLimitGuard)
  @ApiOperation({
    summary: 'Ask for a password reset: always 202, whether or not the address has an account',
    description:
      'When the address has an active account, a single-use reset token (valid one hour, ' +
      'stored hashed) is created and the request audited. There is no mail system yet: the ' +
      'token is neither sent, shown nor logged, so until mail exists a programme manager ' +
      'issues the reset (POST /users/{id}/password-resets).',
  })
  @ApiAcceptedResponse({ description: 'Accepted (the same answer for every address)' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address' })
  async request(
    @Body() body: RequestPasswordResetDto,
    @CorrelationId() correlationId?: string,
  ): Promise<void> {
    await this.passwords.request(body.email, correlationId);
  }

  @Post('auth/password-resets/:token')
  @Public()
  @HttpCode(204)
  @UseGuards(AuthRateLimitGuard)
  @ApiOperation({
    summary: 'Set a new password with a reset token; every sign-in of the account ends',
    description: 'Single use: a used token answers 409, an expired one 422.',
  })
  @ApiNoContentResponse({ description: 'Password set; sign in with it' })
  @ApiBadRequestResponse({ description: 'The new password breaks the rule (`password.rejected`)' })
  @ApiNotFoundResponse({ description: 'No reset has this token (`password_reset.not_found`)' })
  @ApiConflictResponse({ description: 'Already used (`password_reset.already_used`)' })
  @ApiUnprocessableEntityResponse({ description: 'Expired (`password_reset.expired`)' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address' })
  async complete(
    @Param('token') token: string,
    @Body() body: CompletePasswordResetDto,
    @CorrelationId() correlationId?: string,
  ): Promise<void> {
    await this.passwords.complete(token, body.newPassword, correlationId);
  }

  @Post('users/:id/password-resets')
  @Roles('programme_manager')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Issue a password reset for a user (programme managers); audited',
    description:
      'Until mail exists, the way to reset someone’s password: the answer carries the ' +
      'single-use token (valid one hour) to hand to them over a channel you trust.',
  })
  @ApiCreatedResponse({ type: PasswordResetIssuedDto })
  @ApiForbiddenResponse({ description: 'Not a programme manager' })
  @ApiNotFoundResponse({ description: 'No such user' })
  issue(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) userId: string,
  ): Promise<PasswordResetIssuedDto> {
    return this.passwords.issue(actor, userId);
  }
}
