import type { Page } from 'playwright-core';
import { expectAccessible } from '../support/browser';

/** The programme manager's console: dashboard, rounds, challenges, panel, ranking, audit. */
export class ProgrammeManagerPages {
  constructor(private readonly page: Page) {}

  async signIn(email: string, password: string): Promise<void> {
    await this.page.goto('/sign-in?next=%2Fmanage');
    await expectAccessible(this.page);
    await this.page.locator('#email').fill(email);
    await this.page.locator('#password').fill(password);
    await Promise.all([
      this.page.waitForURL((url) => url.pathname === '/manage'),
      this.page.locator('main').getByRole('button', { name: 'Sign in' }).click(),
    ]);
    await expectAccessible(this.page);
  }

  async mainText(): Promise<string> {
    return (await this.page.locator('main').textContent()) ?? '';
  }

  async createRound(round: {
    name: string;
    opens: [string, string];
    closes: [string, string];
    acceleratorStartsOn: string;
    acceleratorEndsOn: string;
  }): Promise<string> {
    await Promise.all([
      this.page.waitForURL(/\/manage\/rounds\/new$/),
      this.page.getByRole('button', { name: 'Set up a round' }).click(),
    ]);
    await expectAccessible(this.page);
    await this.page.locator('#name').fill(round.name);
    await this.page.locator('#opensAt-date').fill(round.opens[0]);
    await this.page.locator('#opensAt-time').fill(round.opens[1]);
    await this.page.locator('#closesAt-date').fill(round.closes[0]);
    await this.page.locator('#closesAt-time').fill(round.closes[1]);
    await this.page.locator('#acceleratorStartsOn').fill(round.acceleratorStartsOn);
    await this.page.locator('#acceleratorEndsOn').fill(round.acceleratorEndsOn);
    await Promise.all([
      this.page.waitForURL(/\/manage\/rounds\/[0-9a-f-]{36}\?created=1$/),
      this.page.getByRole('button', { name: 'Create the round' }).click(),
    ]);
    await expectAccessible(this.page);
    return /rounds\/([0-9a-f-]{36})/.exec(this.page.url())![1];
  }

  /** Presses a move's button on a round or challenge page, with a reason when given. */
  async move(button: string, reason?: string): Promise<void> {
    if (reason) await this.page.locator('#reason').fill(reason);
    await Promise.all([
      this.page.waitForURL(/\?moved=/),
      this.page.getByRole('button', { name: button }).click(),
    ]);
    await expectAccessible(this.page);
  }

  async open(path: string): Promise<void> {
    await this.page.goto(path);
    await expectAccessible(this.page);
  }

  async follow(link: string, url: RegExp): Promise<void> {
    await Promise.all([
      this.page.waitForURL(url),
      this.page.locator('main').getByRole('link', { name: link }).first().click(),
    ]);
    await expectAccessible(this.page);
  }

  async addAssessor(email: string): Promise<void> {
    await this.page.locator('#email').fill(email);
    await Promise.all([
      this.page.waitForURL(/added=1/),
      this.page.getByRole('button', { name: 'Add to the panel' }).click(),
    ]);
    await expectAccessible(this.page);
  }

  async decide(decision: string, reason: string): Promise<void> {
    await this.page.getByLabel(decision, { exact: true }).check();
    await this.page.locator('#reason').fill(reason);
    await Promise.all([
      this.page.waitForURL(/\/ranking\?decided=/),
      this.page.getByRole('button', { name: 'Record the decision' }).click(),
    ]);
    await expectAccessible(this.page);
  }

  async rejectBelow(line: string, reason: string): Promise<void> {
    await this.page.locator('#line').fill(line);
    await this.page.locator('#bulk-reason').fill(reason);
    await Promise.all([
      this.page.waitForURL(/\/ranking\?stage=sift&rejected=/),
      this.page.getByRole('button', { name: 'Not take them forward' }).click(),
    ]);
    await expectAccessible(this.page);
  }

  /** The cohort page: the companies its table lists, one row per team. */
  async cohortTeams(): Promise<string[]> {
    const rows = this.page.locator('#cohort-table tbody th a');
    return (await rows.allTextContents()).map((text) => text.trim());
  }

  /** The cohort page: every team at once; the sprint calendar generated from its form. */
  async generateSprints(lengthDays: string): Promise<void> {
    await this.page.locator('#lengthDays').fill(lengthDays);
    await Promise.all([
      this.page.waitForURL(/\/cohort\?sprints=\d+/),
      this.page.getByRole('button', { name: /^Generate the sprint calendar/ }).click(),
    ]);
    await expectAccessible(this.page);
  }

  /** On a team's page: records the payment of an accepted milestone. */
  async recordPayment(milestone: string, paidOn: string, reference: string): Promise<void> {
    const card = this.page.locator('.govuk-summary-card', { hasText: milestone });
    await card.getByLabel('Paid on', { exact: true }).fill(paidOn);
    await card.getByLabel('Payment reference', { exact: true }).fill(reference);
    await Promise.all([
      this.page.waitForURL(/\?paid=1$/),
      card.getByRole('button', { name: `Record the payment for ${milestone}` }).click(),
    ]);
    await expectAccessible(this.page);
  }
}
