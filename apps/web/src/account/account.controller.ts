import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ChangePasswordDto, MeService, PasswordsService, UpdateMeDto } from '@catalyst/identity';
import { formErrors, isFormProblem } from '../errors/form-errors';
import { formBody, validated } from '../rendering/form-input';
import { PageRenderer } from '../rendering/page-renderer';
import { SignedInPage } from '../session/page-access.decorator';
import { WebReply, WebRequest } from '../session/web-request';

/** Account settings: one's name and password (the identity library's use cases). */
@Controller('account')
export class AccountController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly me: MeService,
    private readonly passwords: PasswordsService,
  ) {}

  @Get()
  @SignedInPage()
  async page(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const me = await this.me.get(request.actor!);
    const query = request.query as Record<string, string>;
    await this.pages.render(request, reply, 'account/account', {
      me,
      values: { name: me.name },
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
          me: await this.me.get(request.actor!),
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
      const me = await this.me.get(request.actor!);
      await this.pages.render(
        request,
        reply,
        'account/account',
        {
          me,
          values: { name: me.name },
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
