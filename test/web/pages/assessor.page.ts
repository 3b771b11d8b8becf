import type { Page } from 'playwright-core';
import { expectAccessible } from '../support/browser';

/** Signing in, and an assessor's list and scoring pages. */
export class AssessorPages {
  constructor(private readonly page: Page) {}

  async signIn(email: string, password: string): Promise<void> {
    await this.page.goto('/sign-in');
    await expectAccessible(this.page);
    await this.page.locator('#email').fill(email);
    await this.page.locator('#password').fill(password);
    await Promise.all([
      this.page.waitForURL((url) => !url.pathname.startsWith('/sign-in')),
      this.page.locator('main').getByRole('button', { name: 'Sign in' }).click(),
    ]);
  }

  async openAssessments(): Promise<string> {
    await this.page.goto('/assessments');
    await expectAccessible(this.page);
    return (await this.page.locator('#progress').textContent()) ?? '';
  }

  async openFirstToDo(): Promise<string> {
    await Promise.all([
      this.page.waitForURL(/\/assessments\/[0-9a-f-]{36}$/),
      this.page.locator('main table').first().getByRole('link').first().click(),
    ]);
    await expectAccessible(this.page);
    return (await this.page.locator('main').textContent()) ?? '';
  }

  async score(criterionId: string, score: string): Promise<void> {
    await this.page.locator(`#${criterionId}`).fill(score);
    await Promise.all([
      this.page.waitForURL(/\/check$/),
      this.page.getByRole('button', { name: 'Save and check your scores' }).click(),
    ]);
    await expectAccessible(this.page);
  }

  async submit(): Promise<void> {
    await Promise.all([
      this.page.waitForURL(/\/assessments\?submitted=1$/),
      this.page.getByRole('button', { name: 'Submit scores' }).click(),
    ]);
    await expectAccessible(this.page);
  }
}
