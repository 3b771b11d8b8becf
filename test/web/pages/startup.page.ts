import type { Page } from 'playwright-core';
import { expectAccessible } from '../support/browser';

/** A company's pages: registering, its application form, checking and submitting. */
export class StartupPages {
  constructor(private readonly page: Page) {}

  async register(fields: { company: string; name: string; email: string; password: string }) {
    await this.page
      .locator('main a', { hasText: 'Register your company to apply' })
      .first()
      .click();
    await this.page.waitForURL(/\/register/);
    await expectAccessible(this.page);
    await this.page.locator('#organisationName').fill(fields.company);
    await this.page.locator('#name').fill(fields.name);
    await this.page.locator('#email').fill(fields.email);
    await this.page.locator('#password').fill(fields.password);
    await Promise.all([
      this.page.waitForURL(/\/challenges\/[0-9a-f-]{36}$/),
      this.page.getByRole('button', { name: 'Register' }).click(),
    ]);
    await expectAccessible(this.page);
  }

  async startApplication(): Promise<void> {
    await Promise.all([
      this.page.waitForURL(/\/answers$/),
      this.page.getByRole('button', { name: 'Start your application' }).click(),
    ]);
    await expectAccessible(this.page);
  }

  /** Fills the form with the keyboard only: Tab to each field, type, arrows for a choice. */
  async answerWithKeyboard(answers: { approach: string; teamSize: string; website: string }) {
    await this.tabTo('answer-approach');
    await this.page.keyboard.type(answers.approach);
    await this.tabTo('answer-team_size');
    await this.page.keyboard.type(answers.teamSize);
    await this.tabTo('answer-website');
    await this.page.keyboard.type(answers.website);
    await this.tabTo('answer-stage');
    await this.page.keyboard.press('Space');
    await this.tabToButton('Save and check your answers');
    await Promise.all([this.page.waitForURL(/\/check$/), this.page.keyboard.press('Enter')]);
    await expectAccessible(this.page);
  }

  async answerWithMouse(answers: { approach: string; teamSize: string }) {
    await this.page.locator('#answer-approach').fill(answers.approach);
    await this.page.locator('#answer-team_size').fill(answers.teamSize);
    await this.page.locator('#answer-stage').check();
    await Promise.all([
      this.page.waitForURL(/\/check$/),
      this.page.getByRole('button', { name: 'Save and check your answers' }).click(),
    ]);
    await expectAccessible(this.page);
  }

  async submitWithKeyboard(): Promise<string> {
    await this.tabToButton('Submit application');
    await Promise.all([this.page.waitForURL(/\/submitted$/), this.page.keyboard.press('Enter')]);
    await expectAccessible(this.page);
    return (await this.page.locator('#receipt').textContent()) ?? '';
  }

  async submit(): Promise<string> {
    await Promise.all([
      this.page.waitForURL(/\/submitted$/),
      this.page.getByRole('button', { name: 'Submit application' }).click(),
    ]);
    await expectAccessible(this.page);
    return (await this.page.locator('#receipt').textContent()) ?? '';
  }

  async openDashboard(): Promise<void> {
    await this.page.goto('/dashboard');
    await expectAccessible(this.page);
  }

  private async tabTo(id: string): Promise<void> {
    for (let i = 0; i < 60; i++) {
      await this.page.keyboard.press('Tab');
      if ((await this.page.evaluate('document.activeElement && document.activeElement.id')) === id)
        return;
    }
    throw new Error(`Tab never reached #${id}`);
  }

  private async tabToButton(text: string): Promise<void> {
    for (let i = 0; i < 60; i++) {
      await this.page.keyboard.press('Tab');
      const focused = await this.page.evaluate(
        'document.activeElement && document.activeElement.textContent.trim()',
      );
      if (focused === text) return;
    }
    throw new Error(`Tab never reached the button "${text}"`);
  }
}
