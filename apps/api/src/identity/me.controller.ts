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
} from '@catalyst/identity';
import {
  CalendarFeedService,
  MeWithNotificationsDto,
  PreferencesService,
  UpdateMeWithPreferencesDto,
} from '@catalyst/notifications';
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
    private readonly preferences: PreferencesService,
    private readonly calendar: CalendarFeedService,
  ) {}

  /** The profile with what notifications add (e-mail preferences, the calendar feed). */
  private async withNotifications(actor: Actor, me: MeDto): Promise<MeWithNotificationsDto> {
    return { ...me, ...(await this.preferences.forProfile(actor)) };
  }

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'The signed-in user with their memberships (organisation and role)' })
  @ApiOkResponse({ type: MeWithNotificationsDto })
  @ApiUnauthorizedResponse({ description: 'No or bad token' })
  async get(@CurrentActor() actor: Actor): Promise<MeWithNotificationsDto> {
    return this.withNotifications(actor, await this.me.get(actor));
  }

  @Patch()
  @SignedIn()
  @ApiOperation({
    summary: 'Edit your own profile (name) and e-mail preferences; audited',
    description:
      '`emailPreferences.nonEssential: false` stops reminders and updates by e-mail; essential e-mail (invitations, decisions) is always sent.',
  })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The `version` you read; 409 when it changed since',
  })
  @ApiOkResponse({ type: MeWithNotificationsDto })
  @ApiConflictResponse({ description: 'Stale If-Match (`user.stale_version`)' })
  async update(
    @CurrentActor() actor: Actor,
    @Body() body: UpdateMeWithPreferencesDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<MeWithNotificationsDto> {
    const { emailPreferences, ...profile } = body;
    const me = await this.me.update(actor, profile, parseIfMatch(ifMatch));
    if (emailPreferences) await this.preferences.update(actor, emailPreferences);
    return this.withNotifications(actor, me);
  }

  @Post('calendar/revoke')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Revoke your calendar feed URL; the answer carries the new one',
  })
  @ApiOkResponse({ type: MeWithNotificationsDto })
  async revokeCalendar(@CurrentActor() actor: Actor): Promise<MeWithNotificationsDto> {
    await this.calendar.revoke(actor);
    return this.withNotifications(actor, await this.me.get(actor));
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
