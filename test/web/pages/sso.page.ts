import type { Page } from 'playwright-core';
import { expectAccessible } from '../support/browser';

/**
 * Signing in with an organisation's own identity provider: Catalyst's sign-in page, the
 * provider's own login and consent pages (not Catalyst's, so axe is not run on them), and back.
 */
export class SsoPages {
  constructor(
    private readonly page: Page,
    private readonly issuer: string,
  ) {}

  async openSignIn(): Promise<void> {
    await this.page.goto('/sign-in');
    await expectAccessible(this.page);
  }

  /** Presses "Sign in with <organisation>" and signs in at the provider's page. */
  async signInWith(organisation: string, login: string): Promise<void> {
    await Promise.all([
      this.page.waitForURL((url) => url.origin === this.issuer),
      this.page.getByRole('button', { name: `Sign in with ${organisation}` }).click(),
    ]);
    await this.atProvider(login);
  }

  /** Types a work e-mail address, so the domain finds the organisation. */
  async signInByEmail(email: string, organisation: string, login: string): Promise<void> {
    await this.page.locator('#sso-email').fill(email);
    await Promise.all([
      this.page.waitForURL((url) => url.pathname === '/sso/find'),
      this.page.getByRole('button', { name: 'Continue with your organisation' }).click(),
    ]);
    await expectAccessible(this.page);
    await this.signInWith(organisation, login);
  }

  private async atProvider(login: string): Promise<void> {
    await this.page.locator('input[name="login"]').fill(login);
    await this.page.locator('input[name="password"]').fill('any password');
    await this.page.getByRole('button', { name: 'Sign-in' }).click();
    await this.page.getByRole('button', { name: 'Continue' }).click();
    await this.page.waitForURL((url) => url.origin !== this.issuer);
    await this.page.waitForLoadState();
    await expectAccessible(this.page);
  }

  /** On "Link your existing account": the account's password, then back signed in. */
  async confirmLink(password: string): Promise<void> {
    await this.page.locator('#password').fill(password);
    await this.page.getByRole('button', { name: 'Link and sign in' }).click();
    await this.page.waitForLoadState();
    await expectAccessible(this.page);
  }

  async atLinkPage(): Promise<boolean> {
    await this.page.waitForURL((url) => url.pathname === '/sso/link');
    await expectAccessible(this.page);
    return true;
  }

  /** Signs in with a password; returns the error summary's text ('' when signed in). */
  async signInWithPassword(email: string, password: string): Promise<string> {
    await this.page.locator('#email').fill(email);
    await this.page.locator('#password').fill(password);
    await this.page.locator('main').getByRole('button', { name: 'Sign in', exact: true }).click();
    await this.page.waitForLoadState();
    await expectAccessible(this.page);
    const summary = this.page.locator('.govuk-error-summary');
    return (await summary.count()) ? ((await summary.textContent()) ?? '').trim() : '';
  }

  async errorSummary(): Promise<string> {
    const summary = this.page.locator('.govuk-error-summary');
    return (await summary.count()) ? ((await summary.textContent()) ?? '').trim() : '';
  }

  /** The signed-in person's name in the header; '' when nobody is signed in. */
  async signedInAs(): Promise<string> {
    const user = this.page.locator('.catalyst-header__user');
    if ((await user.count()) === 0) return '';
    return (await user.textContent())?.trim() ?? '';
  }

  /** Signs out of Catalyst; returns where the page offers to sign out of the provider. */
  async signOut(): Promise<string | null> {
    await Promise.all([
      this.page.waitForURL((url) => url.pathname === '/signed-out'),
      this.page.getByRole('button', { name: 'Sign out' }).click(),
    ]);
    await expectAccessible(this.page);
    const link = this.page.locator('[data-provider-sign-out]');
    return (await link.count()) ? link.getAttribute('href') : null;
  }

  async errorText(): Promise<string> {
    await expectAccessible(this.page);
    return (await this.page.locator('[data-sso-error]').textContent())?.trim() ?? '';
  }
}
