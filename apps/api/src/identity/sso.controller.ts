import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  SsoCallbackResultDto,
  SsoExchangeDto,
  SsoLinkDto,
  SsoService,
  SsoStartedDto,
  StartSsoDto,
  TokenPairDto,
  SsoFlowExpiredError,
  type SsoOutcome,
} from '@catalyst/identity';
import { CorrelationId } from '../auth/correlation-id.decorator';
import { Public } from '../auth/route-policy.decorator';
import { AuthRateLimitGuard } from './rate-limit/auth-rate-limit.guard';

/**
 * Single sign-on for API clients: start → the person signs in at their organisation's provider
 * in a browser → the provider sends the browser to the callback, which answers a one-time code
 * → the client exchanges it, with the flow secret it got at the start, for the usual pair.
 */
@ApiTags('auth')
@Controller('auth/sso')
export class SsoController {
  constructor(private readonly sso: SsoService) {}

  @Post('start')
  @Public()
  @UseGuards(AuthRateLimitGuard)
  @ApiOperation({
    summary: "Start a sign-in through an organisation's identity provider",
    description:
      'By `providerId` or by the e-mail domain (`email`). Open `authorizationUrl` in the ' +
      "person's browser; keep `flowSecret` for the exchange. Authorization code + PKCE, state and nonce; 10 minutes.",
  })
  @ApiCreatedResponse({ type: SsoStartedDto })
  @ApiUnprocessableEntityResponse({ description: 'No provider for it (`sso.no_provider`)' })
  async start(@Body() body: StartSsoDto): Promise<SsoStartedDto> {
    const started = await this.sso.start(
      body.providerId ? { providerId: body.providerId } : { email: body.email as string },
      'api',
    );
    return {
      authorizationUrl: started.authorizationUrl,
      flowSecret: started.secret,
      expiresAt: started.expiresAt.toISOString(),
    };
  }

  @Get('callback')
  @Public()
  @ApiOperation({
    summary: 'Where the provider sends the browser back (register it as a redirect URI)',
    description:
      'Answers a one-time `exchangeCode` (2 minutes), or `link_required` when an account with ' +
      'this e-mail exists and is not yet linked (confirm with POST /auth/sso/link).',
  })
  @ApiOkResponse({ type: SsoCallbackResultDto })
  @ApiUnauthorizedResponse({
    description:
      'Unknown or expired sign-in (`sso.flow_expired`), provider refused (`sso.provider_refused`), ID token failed (`sso.id_token_invalid`)',
  })
  @ApiForbiddenResponse({ description: '`sso.not_invited`, `sso.domain_not_vouched`' })
  async callback(
    @Req() request: { url: string },
    @CorrelationId() correlationId?: string,
  ): Promise<SsoCallbackResultDto> {
    const query = request.url.split('?')[1] ?? '';
    const state = new URLSearchParams(query).get('state');
    if (!state) throw new SsoFlowExpiredError();
    return result(await this.sso.complete({ state }, query, correlationId));
  }

  @Post('exchange')
  @Public()
  @HttpCode(200)
  @UseGuards(AuthRateLimitGuard)
  @ApiOperation({ summary: 'Exchange the one-time code (with the flow secret) for the token pair' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiBadRequestResponse({ description: 'Invalid input' })
  @ApiUnauthorizedResponse({ description: 'Unknown, used or expired code (`sso.flow_expired`)' })
  exchange(@Body() body: SsoExchangeDto): Promise<TokenPairDto> {
    return this.sso.exchange(body.flowSecret, body.exchangeCode);
  }

  @Post('link')
  @Public()
  @HttpCode(200)
  @UseGuards(AuthRateLimitGuard)
  @ApiOperation({
    summary: 'Link the identity to the existing account with its password (the explicit step)',
    description: 'After `link_required`: audited; then the code to exchange.',
  })
  @ApiOkResponse({ type: SsoCallbackResultDto })
  @ApiUnauthorizedResponse({ description: '`sso.link_password_incorrect`, `sso.flow_expired`' })
  @ApiConflictResponse({ description: 'Already linked' })
  async link(
    @Body() body: SsoLinkDto,
    @CorrelationId() correlationId?: string,
  ): Promise<SsoCallbackResultDto> {
    return result(
      await this.sso.confirmLink({ secret: body.flowSecret }, body.password, correlationId),
    );
  }
}

function result(outcome: SsoOutcome): SsoCallbackResultDto {
  if (outcome.kind === 'link_required') return { status: 'link_required', email: outcome.email };
  if (outcome.kind === 'exchange') {
    return {
      status: 'completed',
      exchangeCode: outcome.exchangeCode,
      expiresAt: outcome.expiresAt.toISOString(),
    };
  }
  // Web flows never reach the API's callback (they are found by their cookie, not their state).
  throw new SsoFlowExpiredError();
}
