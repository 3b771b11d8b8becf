import type { Page } from 'playwright-core';
import { expectAccessible } from '../support/browser';

export interface ProposedChallenge {
  roundName: string;
  title: string;
  summary: string;
  problem: string;
  accelerator: string;
  questions: { label: string; key: string; type?: string; options?: string }[];
  criteria: { label: string; key: string; weight: string; maxScore: string }[];
}

/** The sponsor's console: its challenges (with the question and rubric builder) and teams. */
export class SponsorPages {
  constructor(private readonly page: Page) {}

  async signIn(email: string, password: string): Promise<void> {
    await this.page.goto('/sign-in?next=%2Fsponsor');
    await expectAccessible(this.page);
    await this.page.locator('#email').fill(email);
    await this.page.locator('#password').fill(password);
    await Promise.all([
      this.page.waitForURL((url) => url.pathname === '/sponsor'),
      this.page.locator('main').getByRole('button', { name: 'Sign in' }).click(),
    ]);
    await expectAccessible(this.page);
  }

  async mainText(): Promise<string> {
    return (await this.page.locator('main').textContent()) ?? '';
  }

  /**
   * Fills the builder and proposes the challenge: the form starts with two question rows and
   * two criterion rows; each further row is added with the form's own button (a round trip).
   */
  async propose(challenge: ProposedChallenge): Promise<string> {
    await Promise.all([
      this.page.waitForURL(/\/sponsor\/challenges\/new$/),
      this.page.getByRole('button', { name: 'Propose a challenge' }).click(),
    ]);
    await expectAccessible(this.page);
    await this.page.locator('#roundId').selectOption({ label: challenge.roundName });
    await this.page.locator('#title').fill(challenge.title);
    await this.page.locator('#summary').fill(challenge.summary);
    await this.page.locator('#problemStatement').fill(challenge.problem);
    await this.page.locator('#accelerator').fill(challenge.accelerator);
    for (const [i, q] of challenge.questions.entries()) {
      if (!(await this.page.locator(`#q${i}label`).count())) await this.addRow('Add a question');
      await this.page.locator(`#q${i}label`).fill(q.label);
      await this.page.locator(`#q${i}key`).fill(q.key);
      if (q.type) await this.page.locator(`#q${i}type`).selectOption(q.type);
      if (q.options) await this.page.locator(`#q${i}options`).fill(q.options);
    }
    for (const [i, c] of challenge.criteria.entries()) {
      if (!(await this.page.locator(`#r${i}label`).count())) await this.addRow('Add a criterion');
      await this.page.locator(`#r${i}label`).fill(c.label);
      await this.page.locator(`#r${i}key`).fill(c.key);
      await this.page.locator(`#r${i}weight`).fill(c.weight);
      await this.page.locator(`#r${i}maxScore`).fill(c.maxScore);
    }
    // Rows left over stay blank: the builder leaves them out.
    await Promise.all([
      this.page.waitForURL(/\/sponsor\/challenges\/[0-9a-f-]{36}\?moved=submitted$/),
      this.page.getByRole('button', { name: 'Propose the challenge' }).click(),
    ]);
    await expectAccessible(this.page);
    return /challenges\/([0-9a-f-]{36})/.exec(this.page.url())![1];
  }

  private async addRow(button: string): Promise<void> {
    await Promise.all([
      this.page.waitForURL(/\/sponsor\/challenges$/),
      this.page.getByRole('button', { name: button }).click(),
    ]);
    await this.page.waitForLoadState('load');
    await expectAccessible(this.page);
  }

  async openTeam(startupName: string): Promise<void> {
    await this.page.goto('/sponsor');
    await expectAccessible(this.page);
    await Promise.all([
      this.page.waitForURL(/\/sponsor\/teams\/[0-9a-f-]{36}$/),
      this.page.locator('main').getByRole('link', { name: startupName }).click(),
    ]);
    await expectAccessible(this.page);
  }

  /** Answers a submitted milestone: accept it, or ask for changes with the reason. */
  async signOff(
    title: string,
    decision: 'Accept the milestone' | 'Ask for changes',
    reason?: string,
  ): Promise<void> {
    const card = this.page.locator('.govuk-summary-card', { hasText: title });
    await card.getByLabel(decision, { exact: true }).check();
    if (reason) await card.getByLabel('Reason', { exact: true }).fill(reason);
    await Promise.all([
      this.page.waitForURL(/\?signed=/),
      card.getByRole('button', { name: `Record the decision on ${title}` }).click(),
    ]);
    await expectAccessible(this.page);
  }
}
