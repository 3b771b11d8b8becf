import { Controller, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { AcceptInvitationDto, AcceptInvitationService, SessionService } from '@catalyst/identity';
import { SignInRateLimitGuard } from '../auth/sign-in-rate-limit.guard';
import { startSession } from '../auth/sign-in.controller';
import { formErrors, isFormProblem } from '../errors/form-errors';
import { formBody, validated } from '../rendering/form-input';
import { PageRenderer } from '../rendering/page-renderer';
import { PublicPage } from '../session/page-access.decorator';
import { WebReply, WebRequest } from '../session/web-request';

const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

/**
 * Where an invitation's link lands: the invitee chooses a name and password (a new account)
 * or gives their account's password (an existing one), joins the organisation and is signed in.
 */
@Controller('invitations')
export class InvitationController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly accepting: AcceptInvitationService,
    private readonly sessions: SessionService,
  ) {}

  @Get(':token')
  @PublicPage()
  async page(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('token') token: string,
  ): Promise<void> {
    await this.pages.render(request, reply, 'account/invitation', {
      token: tokenOrNotFound(token),
      values: { name: '' },
    });
  }

  @Post(':token')
  @PublicPage()
  @UseGuards(SignInRateLimitGuard)
  async accept(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('token') token: string,
  ): Promise<void> {
    const form = formBody(request.body);
    const name = form.name?.trim() ?? '';
    try {
      const dto = await validated(AcceptInvitationDto, {
        ...(name ? { name } : {}),
        password: form.password ?? '',
      });
      const accepted = await this.accepting.accept(tokenOrNotFound(token), dto, request.id);
      const { refreshToken } = await this.sessions.login(accepted.email, dto.password);
      startSession(reply, refreshToken);
      await this.pages.redirect(reply, '/dashboard?joined=1');
    } catch (error) {
      if (!isFormProblem(error)) throw error;
      const t = this.pages.translator(request.locale);
      const errors = formErrors(
        error,
        [
          { field: 'name', id: 'name', label: t('accountInvitation.name') },
          { field: 'password', id: 'password', label: t('accountInvitation.password') },
        ],
        t,
      );
      await this.pages.render(
        request,
        reply,
        'account/invitation',
        { token, values: { name }, errors },
        error.status,
      );
    }
  }
}

/** An invitation token's shape; anything else cannot be one (the acceptance answers 404). */
function tokenOrNotFound(token: string): string {
  return TOKEN.test(token) ? token : 'not-a-token';
}
