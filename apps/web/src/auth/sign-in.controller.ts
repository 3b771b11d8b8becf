import { Controller, Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import {
  LoginDto,
  REFRESH_TOKEN_TTL_DAYS,
  RegisterDto,
  RegistrationService,
  SessionService,
  SsoRequiredError,
  SsoService,
} from '@catalyst/identity';
import { formErrors, isFormProblem } from '../errors/form-errors';
import { formBody, safeNext, validated } from '../rendering/form-input';
import { PageRenderer } from '../rendering/page-renderer';
import { PublicPage } from '../session/page-access.decorator';
import { SESSION_COOKIE, WebReply, WebRequest } from '../session/web-request';
import { SignInRateLimitGuard } from './sign-in-rate-limit.guard';

/** Signing in, signing out and registering a company. */
@Controller()
export class SignInController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly sessions: SessionService,
    private readonly registration: RegistrationService,
    private readonly sso: SsoService,
  ) {}

  @Get('sign-in')
  @PublicPage()
  async signInPage(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Query('next') next?: string,
  ): Promise<void> {
    await this.pages.render(request, reply, 'auth/sign-in', {
      next: safeNext(next, ''),
      ssoChoices: await this.sso.choices(),
    });
  }

  @Post('sign-in')
  @PublicPage()
  @UseGuards(SignInRateLimitGuard)
  async signIn(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const form = formBody(request.body);
    const t = this.pages.translator(request.locale);
    try {
      const credentials = await validated(LoginDto, {
        email: form.email ?? '',
        password: form.password ?? '',
      });
      const { refreshToken } = await this.sessions.login(
        credentials.email,
        credentials.password,
        request.id,
      );
      startSession(reply, refreshToken);
      await this.pages.redirect(reply, safeNext(form.next, '/'));
    } catch (error) {
      if (error instanceof SsoRequiredError) {
        // The organisation signs its people in itself: point at its button, not at the password.
        return await this.pages.render(
          request,
          reply,
          'auth/sign-in',
          {
            errors: {
              summary: [{ text: t('sso.errors.ssoRequired'), href: '#sso-email' }],
              byField: {},
            },
            values: { email: form.email ?? '' },
            ssoValues: { email: form.email ?? '' },
            ssoChoices: await this.sso.choices(),
            next: safeNext(form.next, ''),
          },
          403,
        );
      }
      if (!isFormProblem(error) && (error as { status?: number }).status !== 401) throw error;
      const errors =
        (error as { status?: number }).status === 401
          ? { summary: [{ text: t('signIn.wrong'), href: '#email' }], byField: {} }
          : formErrors(
              error,
              [
                { field: 'email', id: 'email', label: t('signIn.email') },
                { field: 'password', id: 'password', label: t('signIn.password') },
              ],
              t,
            );
      await this.pages.render(
        request,
        reply,
        'auth/sign-in',
        {
          errors,
          values: { email: form.email ?? '' },
          next: safeNext(form.next, ''),
          ssoChoices: await this.sso.choices(),
        },
        (error as { status?: number }).status === 401 ? 401 : 400,
      );
    }
  }

  @Post('sign-out')
  @PublicPage()
  async signOut(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    // A sign-in that came through an organisation's provider: offer its sign-out too.
    const through = request.actor?.sessionId
      ? await this.sso.endSessionUrlForSignIn(request.actor.sessionId)
      : null;
    if (request.sessionToken) await this.sessions.logout(request.sessionToken, request.id);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    await this.pages.redirect(
      reply,
      through ? `/signed-out?provider=${through.providerId}` : '/signed-out',
    );
  }

  @Get('signed-out')
  @PublicPage()
  async signedOut(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Query('provider') provider?: string,
  ): Promise<void> {
    const providerSignOut =
      provider && /^[0-9a-f-]{36}$/i.test(provider) ? await this.sso.endSessionUrl(provider) : null;
    await this.pages.render(request, reply, 'auth/signed-out', { providerSignOut });
  }

  @Get('register')
  @PublicPage()
  async registerPage(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Query('next') next?: string,
  ): Promise<void> {
    await this.pages.render(request, reply, 'auth/register', {
      values: {},
      next: safeNext(next, ''),
    });
  }

  @Post('register')
  @PublicPage()
  @UseGuards(SignInRateLimitGuard)
  async register(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const form = formBody(request.body);
    const t = this.pages.translator(request.locale);
    const values = {
      organisationName: form.organisationName ?? '',
      name: form.name ?? '',
      email: form.email ?? '',
      password: form.password ?? '',
    };
    try {
      const input = await validated(RegisterDto, values);
      await this.registration.register(input, request.id);
      const { refreshToken } = await this.sessions.login(input.email, input.password);
      startSession(reply, refreshToken);
      await this.pages.redirect(reply, safeNext(form.next, '/dashboard'));
    } catch (error) {
      if (!isFormProblem(error)) throw error;
      const errors = formErrors(
        error,
        [
          {
            field: 'organisationName',
            id: 'organisationName',
            label: t('register.organisationName'),
          },
          { field: 'name', id: 'name', label: t('register.name') },
          { field: 'email', id: 'email', label: t('register.email') },
          { field: 'password', id: 'password', label: t('register.password') },
        ],
        t,
      );
      await this.pages.render(
        request,
        reply,
        'auth/register',
        { errors, values: { ...values, password: '' }, next: safeNext(form.next, '') },
        error.status === 409 ? 409 : 400,
      );
    }
  }
}

/** The session cookie: the sign-in's token, httpOnly, SameSite=Lax, Secure in production. */
export function startSession(reply: WebReply, refreshToken: string): void {
  void reply.setCookie(SESSION_COOKIE, refreshToken, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: 'auto',
    maxAge: REFRESH_TOKEN_TTL_DAYS * 24 * 60 * 60,
  });
}
