import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { PageQueryDto, parseIfMatch } from '@catalyst/common';
import {
  Actor,
  CreateIdentityProviderDto,
  CreatePasswordSignInOverrideDto,
  IdentityProviderDto,
  IdentityProviderPageDto,
  IdentityProvidersService,
  PasswordSignInOverrideDto,
  UpdateIdentityProviderDto,
} from '@catalyst/identity';
import { CurrentActor } from '../auth/current-actor.decorator';
import { SignedIn } from '../auth/route-policy.decorator';

const NOT_VISIBLE =
  'No such organisation or provider, or you may not see its identity providers (only its administrators and the programme managers who look after it do)';
const MANAGERS_ONLY = 'Only the programme managers who look after the organisation configure them';
const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The `version` you read; 409 when it changed since',
};
const id = new ParseUUIDPipe();

@ApiTags('identity providers')
@ApiBearerAuth()
@Controller('organisations/:organisationId')
export class IdentityProvidersController {
  constructor(private readonly providers: IdentityProvidersService) {}

  @Get('identity-providers')
  @SignedIn()
  @ApiOperation({
    summary:
      "An organisation's OpenID Connect providers (its administrators and programme managers)",
    description: 'The client secret is never shown, only `hasClientSecret`.',
  })
  @ApiOkResponse({ type: IdentityProviderPageDto })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  list(
    @CurrentActor() actor: Actor,
    @Param('organisationId', id) organisationId: string,
    @Query() query: PageQueryDto,
  ): Promise<IdentityProviderPageDto> {
    return this.providers.list(actor, organisationId, query);
  }

  @Post('identity-providers')
  @SignedIn()
  @ApiOperation({
    summary: 'Configure an identity provider for an organisation (programme managers)',
    description:
      'The secret is sealed with SSO_ENCRYPTION_KEY (AES-256-GCM); without that key a secret is ' +
      'refused. Register both redirect URIs with the provider: `<PUBLIC_URL>/sso/callback` ' +
      '(web) and `<PUBLIC_URL>/api/v1/auth/sso/callback` (API clients).',
  })
  @ApiCreatedResponse({ type: IdentityProviderDto })
  @ApiForbiddenResponse({ description: MANAGERS_ONLY })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({
    description: 'A domain has a provider already (`identity_provider.domain_taken`)',
  })
  @ApiUnprocessableEntityResponse({
    description:
      'The default role does not fit (`identity_provider.role_unfit`) or no key for the secret (`identity_provider.secret_key_missing`)',
  })
  create(
    @CurrentActor() actor: Actor,
    @Param('organisationId', id) organisationId: string,
    @Body() body: CreateIdentityProviderDto,
  ): Promise<IdentityProviderDto> {
    return this.providers.create(actor, organisationId, body);
  }

  @Get('identity-providers/:id')
  @SignedIn()
  @ApiOperation({ summary: 'One identity provider' })
  @ApiOkResponse({ type: IdentityProviderDto })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  get(
    @CurrentActor() actor: Actor,
    @Param('organisationId', id) organisationId: string,
    @Param('id', id) providerId: string,
  ): Promise<IdentityProviderDto> {
    return this.providers.get(actor, organisationId, providerId);
  }

  @Patch('identity-providers/:id')
  @SignedIn()
  @ApiOperation({
    summary: 'Edit an identity provider (programme managers); `clientSecret: null` removes it',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: IdentityProviderDto })
  @ApiForbiddenResponse({ description: MANAGERS_ONLY })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({ description: 'Stale If-Match or a domain taken' })
  update(
    @CurrentActor() actor: Actor,
    @Param('organisationId', id) organisationId: string,
    @Param('id', id) providerId: string,
    @Body() body: UpdateIdentityProviderDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<IdentityProviderDto> {
    return this.providers.update(actor, organisationId, providerId, body, parseIfMatch(ifMatch));
  }

  @Delete('identity-providers/:id')
  @SignedIn()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove an identity provider (programme managers)',
    description:
      'Its links go with it: its people sign in with a password (or a new provider) again.',
  })
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiForbiddenResponse({ description: MANAGERS_ONLY })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  async remove(
    @CurrentActor() actor: Actor,
    @Param('organisationId', id) organisationId: string,
    @Param('id', id) providerId: string,
    @Headers('if-match') ifMatch?: string,
  ): Promise<void> {
    await this.providers.remove(actor, organisationId, providerId, parseIfMatch(ifMatch));
  }

  @Post('password-sign-in-overrides')
  @SignedIn()
  @ApiOperation({
    summary: 'Let a member sign in with a password for a while, despite requireSso (emergency)',
    description:
      'Programme managers who look after the organisation; 1–72 hours; audited with its reason.',
  })
  @ApiCreatedResponse({ type: PasswordSignInOverrideDto })
  @ApiForbiddenResponse({ description: MANAGERS_ONLY })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiUnprocessableEntityResponse({
    description:
      'Not a member, or the organisation does not require SSO (`password_sign_in_override.not_needed`)',
  })
  grantOverride(
    @CurrentActor() actor: Actor,
    @Param('organisationId', id) organisationId: string,
    @Body() body: CreatePasswordSignInOverrideDto,
  ): Promise<PasswordSignInOverrideDto> {
    return this.providers.grantPasswordOverride(actor, organisationId, body);
  }
}
