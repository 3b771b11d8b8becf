import { Body, Controller, Get, Headers, HttpCode, Patch, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { parseIfMatch } from '@catalyst/common';
import {
  Actor,
  ChangePasswordDto,
  MeDto,
  MeService,
  PasswordChangedDto,
  PasswordsService,
  UpdateMeDto,
} from '@catalyst/identity';
import { CurrentActor } from '../auth/current-actor.decorator';
import { SignedIn } from '../auth/route-policy.decorator';
import { AuthRateLimitGuard } from './rate-limit/auth-rate-limit.guard';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly me: MeService,
    private readonly passwords: PasswordsService,
  ) {}

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'The signed-in user with their memberships (organisation and role)' })
  @ApiOkResponse({ type: MeDto })
  @ApiUnauthorizedResponse({ description: 'No or bad token' })
  get(@CurrentActor() actor: Actor): Promise<MeDto> {
    return this.me.get(actor);
  }

  @Patch()
  @SignedIn()
  @ApiOperation({ summary: 'Edit your own profile (name); audited' })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The `version` you read; 409 when it changed since',
  })
  @ApiOkResponse({ type: MeDto })
  @ApiConflictResponse({ description: 'Stale If-Match (`user.stale_version`)' })
  update(
    @CurrentActor() actor: Actor,
    @Body() body: UpdateMeDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<MeDto> {
    return this.me.update(actor, body, parseIfMatch(ifMatch));
  }

  @Post('password')
  @SignedIn()
  @HttpCode(200)
  @UseGuards(AuthRateLimitGuard)
  @ApiOperation({
    summary: 'Change your password; your other sign-ins end',
    description:
      'Needs the current password. Every other sign-in of yours (refresh-token family) is ' +
      'revoked; this one stays. Access tokens already issued elsewhere expire within 15 minutes.',
  })
  @ApiOkResponse({ type: PasswordChangedDto })
  @ApiBadRequestResponse({
    description:
      '`password.current_incorrect`, or the new password breaks the rule (`password.rejected`)',
  })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address' })
  changePassword(
    @CurrentActor() actor: Actor,
    @Body() body: ChangePasswordDto,
  ): Promise<PasswordChangedDto> {
    return this.passwords.change(actor, body);
  }
}
