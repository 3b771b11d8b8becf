import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import {
  LoginDto,
  RefreshTokenDto,
  RegisterDto,
  RegistrationDto,
  RegistrationService,
  SessionService,
  TokenPairDto,
} from '@catalyst/identity';
import { CorrelationId } from '../auth/correlation-id.decorator';
import { Public } from '../auth/route-policy.decorator';
import { AuthRateLimitGuard } from './rate-limit/auth-rate-limit.guard';

const RATE_LIMITED =
  'Too many attempts from this address (AUTH_RATE_LIMIT_PER_MINUTE); see Retry-After';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly registration: RegistrationService,
    private readonly sessions: SessionService,
  ) {}

  @Post('register')
  @Public()
  @UseGuards(AuthRateLimitGuard)
  @ApiOperation({
    summary: 'Register a startup: its organisation and first member (role startup_member)',
    description: 'Passwords have at least 12 characters. Sign in afterwards with POST /auth/login.',
  })
  @ApiCreatedResponse({ type: RegistrationDto })
  @ApiBadRequestResponse({ description: 'Invalid input (e.g. a password under 12 characters)' })
  @ApiConflictResponse({ description: 'An account with this e-mail address exists' })
  @ApiTooManyRequestsResponse({ description: RATE_LIMITED })
  register(
    @Body() body: RegisterDto,
    @CorrelationId() correlationId?: string,
  ): Promise<RegistrationDto> {
    return this.registration.register(body, correlationId);
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(AuthRateLimitGuard)
  @ApiOperation({ summary: 'Sign in with e-mail and password: an access and a refresh token' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail or password (one answer for both)' })
  @ApiForbiddenResponse({
    description:
      'The person’s organisation requires single sign-on (`auth.sso_required`; its ids in `organisationIds`)',
  })
  @ApiTooManyRequestsResponse({ description: RATE_LIMITED })
  login(@Body() body: LoginDto, @CorrelationId() correlationId?: string): Promise<TokenPairDto> {
    return this.sessions.login(body.email, body.password, correlationId);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @UseGuards(AuthRateLimitGuard)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new pair (the old refresh token is used up)',
    description:
      'Refresh tokens are single-use. Presenting one that was already used revokes every token ' +
      'of that sign-in (it may have been stolen) and answers 401: sign in again.',
  })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse({ description: 'Unknown, expired, revoked or reused refresh token' })
  @ApiTooManyRequestsResponse({ description: RATE_LIMITED })
  refresh(
    @Body() body: RefreshTokenDto,
    @CorrelationId() correlationId?: string,
  ): Promise<TokenPairDto> {
    return this.sessions.refresh(body.refreshToken, correlationId);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Sign out: revoke the refresh token and every token of its sign-in',
    description:
      'Needs only the refresh token (the access token may already have expired). Access tokens ' +
      'already issued stay valid until they expire (at most 15 minutes). Idempotent: an unknown ' +
      'or already revoked token also answers 204.',
  })
  @ApiNoContentResponse({ description: 'Signed out' })
  async logout(
    @Body() body: RefreshTokenDto,
    @CorrelationId() correlationId?: string,
  ): Promise<void> {
    await this.sessions.logout(body.refreshToken, correlationId);
  }
}
