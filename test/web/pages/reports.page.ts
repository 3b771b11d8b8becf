import type { Download, Page } from 'playwright-core';
import { WAIT_MS, expectAccessible } from '../support/browser';

/** Reports: ask for one, follow its progress, download it. */
export class ReportsPages {
  constructor(private readonly page: Page) {}

  async request(kind: string, roundName: string, format: string): Promise<void> {
    await this.page.goto('/reports');
    await expectAccessible(this.page);
    await this.page.getByLabel(kind, { exact: true }).check();
    await this.page.locator('#roundId').selectOption({ label: roundName });
    await this.page.getByLabel(format, { exact: true }).check();
    await Promise.all([
      this.page.waitForURL(/\/reports\/[0-9a-f-]{36}$/),
      this.page.getByRole('button', { name: 'Ask for the report' }).click(),
    ]);
    // The report's page reloads itself until the report is built: axe checks it once built.
  }

  /**
   * Waits until the page shows the report built: with scripts the page polls and reloads
   * itself, without them a refresh in `noscript` does; either way no test sleeps.
   */
  async waitUntilBuilt(): Promise<void> {
    await this.page
      .locator('#report-status', { hasText: 'Ready' })
      .waitFor({ timeout: WAIT_MS * 3 });
    await expectAccessible(this.page);
  }

  async progress(): Promise<number> {
    return Number(await this.page.locator('#report-progress').getAttribute('value'));
  }

  async download(): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page
        .locator('main')
        .getByRole('button', { name: /^Download/ })
        .click(),
    ]);
    return download;
  }
}
