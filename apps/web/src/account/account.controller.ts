import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import {
  Actor,
  ChangePasswordDto,
  MeService,
  PasswordsService,
  UpdateMeDto,
} from '@catalyst/identity';
import {
  CalendarFeedService,
  EmailPreferencesDto,
  PreferencesService,
} from '@catalyst/notifications';
import { formErrors, isFormProblem } from '../errors/form-errors';
import { formBody, validated } from '../rendering/form-input';
import { PageRenderer } from '../rendering/page-renderer';
import { SignedInPage } from '../session/page-access.decorator';
import { WebReply, WebRequest } from '../session/web-request';

/**
 * Account settings: one's name and password (the identity library's use cases), the e-mail
 * preferences and the personal calendar feed (the notifications library's).
 */
@Controller('account')
export class AccountController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly me: MeService,
    private readonly passwords: PasswordsService,
    private readonly preferences: PreferencesService,
    private readonly calendar: CalendarFeedService,
  ) {}

  /** What every rendering of the account page shows besides its forms. */
  private async settings(actor: Actor) {
    const [me, profile] = await Promise.all([
      this.me.get(actor),
      this.preferences.forProfile(actor),
    ]);
    return { me, ...profile };
  }

  @Post('email-preferences')
  @SignedInPage()
  async changePreferences(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const form = formBody(request.body);
    const dto = await validated(EmailPreferencesDto, { nonEssential: form.nonEssential === 'yes' });
    await this.preferences.update(request.actor!, dto);
    await this.pages.redirect(reply, '/account?updated=emailPreferences');
  }

  @Post('calendar/revoke')
  @SignedInPage()
  async revokeCalendar(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    await this.calendar.revoke(request.actor!);
    await this.pages.redirect(reply, '/account?updated=calendar');
  }

  @Get()
  @SignedInPage()
  async page(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const settings = await this.settings(request.actor!);
    const query = request.query as Record<string, string>;
    await this.pages.render(request, reply, 'account/account', {
      ...settings,
      values: { name: settings.me.name },
      updated: query.updated,
    });
  }

  @Post('name')
  @SignedInPage()
  async changeName(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const form = formBody(request.body);
    try {
      const dto = await validated(UpdateMeDto, { name: form.name ?? '' });
      await this.me.update(request.actor!, dto);
      await this.pages.redirect(reply, '/account?updated=name');
    } catch (error) {
      if (!isFormProblem(error)) throw error;
      const t = this.pages.translator(request.locale);
      await this.pages.render(
        request,
        reply,
        'account/account',
        {
          ...(await this.settings(request.actor!)),
          values: { name: form.name ?? '' },
          errors: formErrors(error, [{ field: 'name', id: 'name', label: t('account.name') }], t),
        },
        error.status,
      );
    }
  }

  @Post('password')
  @SignedInPage()
  async changePassword(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const form = formBody(request.body);
    try {
      const dto = await validated(ChangePasswordDto, {
        currentPassword: form.currentPassword ?? '',
        newPassword: form.newPassword ?? '',
      });
      await this.passwords.change(request.actor!, dto);
      await this.pages.redirect(reply, '/account?updated=password');
    } catch (error) {
      if (!isFormProblem(error)) throw error;
      const t = this.pages.translator(request.locale);
      const settings = await this.settings(request.actor!);
      await this.pages.render(
        request,
        reply,
        'account/account',
        {
          ...settings,
          values: { name: settings.me.name },
          passwordErrors: formErrors(
            error,
            [
              {
                field: 'currentPassword',
                id: 'currentPassword',
                label: t('account.currentPassword'),
              },
              { field: 'newPassword', id: 'newPassword', label: t('account.newPassword') },
            ],
            t,
          ),
        },
        error.status,
      );
    }
  }
}
