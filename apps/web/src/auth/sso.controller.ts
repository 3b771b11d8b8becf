import { Controller, Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { DomainError } from '@catalyst/common';
import {
  REFRESH_TOKEN_TTL_DAYS,
  SsoFlowExpiredError,
  SsoNoProviderError,
  SsoService,
  type SsoOutcome,
} from '@catalyst/identity';
import { formBody, safeNext } from '../rendering/form-input';
import { PageRenderer } from '../rendering/page-renderer';
import { PublicPage } from '../session/page-access.decorator';
import { SESSION_COOKIE, WebReply, WebRequest } from '../session/web-request';
import { SignInRateLimitGuard } from './sign-in-rate-limit.guard';

/** Binds a sign-in through a provider to the browser that started it (10 minutes). */
export const SSO_COOKIE = 'catalyst_sso';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The plain-words explanation of each refusal (sso.errors.<code>), by problem code. */
const EXPLAINED = new Set([
  'sso.flow_expired',
  'sso.state_mismatch',
  'sso.provider_refused',
  'sso.id_token_invalid',
  'sso.not_invited',
  'sso.domain_not_vouched',
  'sso.account_disabled',
  'sso.no_provider',
]);

/**
 * "Sign in with <organisation>": to the organisation's provider and back. The callback is a
 * top-level GET from the provider, so the SameSite=Lax cookie that names the sign-in comes
 * with it; the flow (PKCE verifier, state, nonce) stays on the server.
 */
@Controller('sso')
export class SsoWebController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly sso: SsoService,
  ) {}

  /**
   * "Continue with your organisation": the organisation found from the e-mail address's
   * domain, offered as its "Sign in with …" link (a GET form: nothing changes yet).
   */
  @Get('find')
  @PublicPage()
  async find(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Query('email') email = '',
    @Query('next') next?: string,
  ): Promise<void> {
    const address = email.trim();
    if (!/^[^\s@]+@[^\s@]+$/.test(address)) {
      return this.signInAgain(request, reply, 'sso.errors.emailNeeded', address, next, 400);
    }
    const match = await this.sso.providerForEmail(address);
    if (!match)
      return this.signInAgain(request, reply, 'sso.errors.noProvider', address, next, 404);
    await this.pages.render(request, reply, 'auth/sign-in', {
      ssoChoices: [match],
      ssoFound: true,
      ssoValues: { email: address },
      next: safeNext(next, ''),
    });
  }

  /**
   * To the provider: the flow is kept on the server and named by a cookie for this browser.
   * A link (GET), not a form: the pages' Content-Security-Policy (form-action 'self') rightly
   * stops a form from ending up at another site, and a link is not a form submission.
   */
  @Get('start')
  @PublicPage()
  @UseGuards(SignInRateLimitGuard)
  async start(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Query('providerId') providerId = '',
    @Query('next') next?: string,
  ): Promise<void> {
    try {
      if (!UUID.test(providerId)) throw new SsoNoProviderError();
      const started = await this.sso.start({ providerId }, 'web', safeNext(next, '') || null);
      void reply.setCookie(SSO_COOKIE, started.secret, {
        path: '/sso',
        httpOnly: true,
        sameSite: 'lax',
        secure: 'auto',
        maxAge: 10 * 60,
      });
      await this.pages.redirect(reply, started.authorizationUrl);
    } catch (error) {
      await this.explain(request, reply, error);
    }
  }

  @Get('callback')
  @PublicPage()
  async callback(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const secret = request.cookies?.[SSO_COOKIE];
    const query = request.url.split('?')[1] ?? '';
    try {
      if (!secret) throw new SsoFlowExpiredError();
      await this.finish(reply, await this.sso.complete({ secret }, query, request.id));
    } catch (error) {
      await this.explain(request, reply, error);
    }
  }

  @Get('link')
  @PublicPage()
  async linkPage(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const secret = request.cookies?.[SSO_COOKIE];
    const pending = secret ? await this.sso.pendingLink({ secret }) : null;
    if (!pending) return this.explain(request, reply, new SsoFlowExpiredError());
    await this.pages.render(request, reply, 'auth/sso-link', { email: pending.email });
  }

  @Post('link')
  @PublicPage()
  @UseGuards(SignInRateLimitGuard)
  async link(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const secret = request.cookies?.[SSO_COOKIE];
    const password = formBody(request.body).password ?? '';
    const t = this.pages.translator(request.locale);
    try {
      if (!secret) throw new SsoFlowExpiredError();
      const pending = await this.sso.pendingLink({ secret });
      if (!pending) throw new SsoFlowExpiredError();
      if (!password) {
        const text = t('sso.link.passwordNeeded');
        return await this.pages.render(
          request,
          reply,
          'auth/sso-link',
          {
            email: pending.email,
            errors: { summary: [{ text, href: '#password' }], byField: { password: { text } } },
          },
          400,
        );
      }
      try {
        await this.finish(reply, await this.sso.confirmLink({ secret }, password, request.id));
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== 'sso.link_password_incorrect') {
          throw error;
        }
        const text = t('sso.link.wrong');
        await this.pages.render(
          request,
          reply,
          'auth/sso-link',
          {
            email: pending.email,
            errors: { summary: [{ text, href: '#password' }], byField: { password: { text } } },
          },
          401,
        );
      }
    } catch (error) {
      await this.explain(request, reply, error);
    }
  }

  private async finish(reply: WebReply, outcome: SsoOutcome): Promise<void> {
    if (outcome.kind === 'link_required') return this.pages.redirect(reply, '/sso/link');
    if (outcome.kind !== 'signed_in') throw new SsoFlowExpiredError();
    void reply.clearCookie(SSO_COOKIE, { path: '/sso' });
    void reply.setCookie(SESSION_COOKIE, outcome.refreshToken, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: 'auto',
      maxAge: REFRESH_TOKEN_TTL_DAYS * 24 * 60 * 60,
    });
    await this.pages.redirect(reply, safeNext(outcome.next, '/'));
  }

  /** A refusal in plain words, with the way to start again; anything else is the error page's. */
  private async explain(request: WebRequest, reply: WebReply, error: unknown): Promise<void> {
    if (!(error instanceof DomainError) || !EXPLAINED.has(error.code)) throw error;
    void reply.clearCookie(SSO_COOKIE, { path: '/sso' });
    await this.pages.render(
      request,
      reply,
      'auth/sso-error',
      { message: errorKey(error) },
      error.status,
    );
  }

  private async signInAgain(
    request: WebRequest,
    reply: WebReply,
    key: string,
    email: string,
    next: string | undefined,
    status: number,
  ): Promise<void> {
    const t = this.pages.translator(request.locale);
    const text = t(key);
    await this.pages.render(
      request,
      reply,
      'auth/sign-in',
      {
        ssoChoices: await this.sso.choices(),
        errors: { summary: [{ text, href: '#sso-email' }], byField: {} },
        ssoEmailError: { text },
        ssoValues: { email },
        next: safeNext(next, ''),
      },
      status,
    );
  }
}

function errorKey(error: DomainError): string {
  // A state that is not this browser's sign-in is, for the person, a sign-in to start again.
  const code = error.code === 'sso.state_mismatch' ? 'sso.flow_expired' : error.code;
  return `sso.errors.${code.split('.')[1]}`;
}
