import type { Page } from 'playwright-core';
import { expectAccessible } from '../support/browser';

/** The public portal: the first page, the list of challenges, one challenge. */
export class PortalPage {
  constructor(private readonly page: Page) {}

  async openHome(): Promise<void> {
    await this.page.goto('/');
    await expectAccessible(this.page);
  }

  async openChallenges(query = ''): Promise<void> {
    await this.page.goto(`/challenges${query}`);
    await expectAccessible(this.page);
  }

  async filterByTag(tag: string): Promise<void> {
    await this.page.locator('#tag').selectOption(tag);
    await Promise.all([
      this.page.waitForURL(/tag=/),
      this.page.locator('form[role=search] button').click(),
    ]);
    await expectAccessible(this.page);
  }

  challengeTitles() {
    return this.page.locator('.catalyst-challenge h3').allTextContents();
  }

  async openChallenge(title: string): Promise<void> {
    await Promise.all([
      this.page.waitForURL(/\/challenges\/[0-9a-f-]{36}$/),
      this.page.getByRole('link', { name: title }).click(),
    ]);
    await expectAccessible(this.page);
  }

  async openProgrammes(): Promise<void> {
    await this.page.goto('/programmes');
    await expectAccessible(this.page);
  }

  async chooseLanguage(name: 'English' | 'Svenska'): Promise<void> {
    await Promise.all([
      this.page.waitForURL(/.*/),
      this.page.locator('.govuk-language-navigation').getByRole('link', { name }).click(),
    ]);
    await this.page.waitForLoadState('load');
    await expectAccessible(this.page);
  }
}
