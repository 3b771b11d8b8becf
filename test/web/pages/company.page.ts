import type { Page } from 'playwright-core';
import { expectAccessible } from '../support/browser';

/**
 * A company's account and accelerator pages: colleagues and invitations, notifications, the
 * team page (plan, milestones, evidence uploads, progress updates) and an application's
 * decision with its feedback. Every page it lands on is checked with axe.
 */
export class CompanyPages {
  constructor(private readonly page: Page) {}

  async mainText(): Promise<string> {
    return (await this.page.locator('main').textContent()) ?? '';
  }

  async signIn(email: string, password: string, next = '/dashboard'): Promise<void> {
    await this.page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    await expectAccessible(this.page);
    await this.page.locator('#email').fill(email);
    await this.page.locator('#password').fill(password);
    await Promise.all([
      this.page.waitForURL((url) => url.pathname === next),
      this.page.locator('main').getByRole('button', { name: 'Sign in' }).click(),
    ]);
    await expectAccessible(this.page);
  }

  async openColleagues(): Promise<void> {
    await this.page.goto('/account');
    await expectAccessible(this.page);
    await Promise.all([
      this.page.waitForURL(/\/account\/colleagues$/),
      this.page.locator('.moj-sub-navigation').getByRole('link', { name: 'Colleagues' }).click(),
    ]);
    await expectAccessible(this.page);
  }

  /** Invites a colleague; answers the link the page shows to pass on (no mail in tests). */
  async invite(email: string): Promise<string> {
    await this.page.locator('#email').fill(email);
    await this.page.locator('#role').selectOption('startup_member');
    await Promise.all([
      this.page.waitForResponse((r) => r.url().endsWith('/account/colleagues/invitations')),
      this.page.getByRole('button', { name: 'Send invitation' }).click(),
    ]);
    await this.page.locator('#invitation-link').waitFor();
    await expectAccessible(this.page);
    return (await this.page.locator('#invitation-link').textContent())!.trim();
  }

  async pendingInvitations(): Promise<string> {
    return (await this.page.locator('#pending-invitations').textContent()) ?? '';
  }

  async acceptInvitation(link: string, name: string, password: string): Promise<void> {
    await this.page.goto(link);
    await expectAccessible(this.page);
    await this.page.locator('#name').fill(name);
    await this.page.locator('#password').fill(password);
    await Promise.all([
      this.page.waitForURL(/\/dashboard\?joined=1$/),
      this.page.getByRole('button', { name: 'Accept and continue' }).click(),
    ]);
    await expectAccessible(this.page);
  }

  async openNotifications(): Promise<void> {
    await Promise.all([
      this.page.waitForURL(/\/notifications/),
      this.page
        .locator('.govuk-service-navigation')
        .getByRole('link', { name: /Notifications/ })
        .click(),
    ]);
    await expectAccessible(this.page);
  }

  async markAllRead(): Promise<void> {
    await Promise.all([
      this.page.waitForURL(/\/notifications\?marked=all$/),
      this.page.getByRole('button', { name: 'Mark all as read' }).click(),
    ]);
    await expectAccessible(this.page);
  }

  async openApplication(id: string): Promise<void> {
    await this.page.goto(`/applications/${id}`);
    await expectAccessible(this.page);
  }

  async openTeam(): Promise<void> {
    await Promise.all([
      this.page.waitForURL(/\/teams\/[0-9a-f-]{36}$/),
      this.page
        .locator('.govuk-service-navigation')
        .getByRole('link', { name: 'Your team' })
        .click(),
    ]);
    await expectAccessible(this.page);
  }

  async addMilestone(milestone: { title: string; dueOn: string }): Promise<void> {
    await Promise.all([
      this.page.waitForURL(/\/milestones\/new$/),
      this.page.getByRole('button', { name: 'Add a milestone' }).click(),
    ]);
    await expectAccessible(this.page);
    await this.page.locator('#title').fill(milestone.title);
    await this.page.locator('#dueOn').fill(milestone.dueOn);
    await Promise.all([
      this.page.waitForURL(/\/teams\/[0-9a-f-]{36}\?done=milestone$/),
      this.page.getByRole('button', { name: 'Add the milestone' }).click(),
    ]);
    await expectAccessible(this.page);
  }

  async proposePlan(): Promise<void> {
    await Promise.all([
      this.page.waitForURL(/\?done=proposed$/),
      this.page.getByRole('button', { name: 'Propose the plan' }).click(),
    ]);
    await expectAccessible(this.page);
  }

  async planStatus(): Promise<string> {
    return ((await this.page.locator('#plan-status').textContent()) ?? '').trim();
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await expectAccessible(this.page);
  }

  async openMilestone(title: string): Promise<void> {
    await Promise.all([
      this.page.waitForURL(/\/milestones\/[0-9a-f-]{36}$/),
      this.page.locator('#milestones').getByRole('link', { name: title }).click(),
    ]);
    await expectAccessible(this.page);
  }

  /** Submits the milestone with evidence links and one uploaded document. */
  async submitMilestone(
    evidenceUrls: string[],
    document: { name: string; mimeType: string; buffer: Buffer },
  ): Promise<void> {
    await this.page.locator('#evidenceUrls').fill(evidenceUrls.join('\n'));
    await this.page.locator('#document').setInputFiles(document);
    await Promise.all([
      this.page.waitForURL(/\?done=submitted$/),
      this.page.getByRole('button', { name: 'Submit the milestone' }).click(),
    ]);
    await expectAccessible(this.page);
  }

  async milestoneStatus(): Promise<string> {
    return ((await this.page.locator('#milestone-status').textContent()) ?? '').trim();
  }

  async milestoneDocuments(): Promise<string> {
    return ((await this.page.locator('#milestone-documents').textContent()) ?? '').trim();
  }

  async backToTeam(): Promise<void> {
    await Promise.all([
      this.page.waitForURL(/\/teams\/[0-9a-f-]{36}$/),
      this.page.getByRole('link', { name: 'Back' }).click(),
    ]);
    await expectAccessible(this.page);
  }

  async writeUpdate(update: {
    rag: 'green' | 'amber' | 'red';
    summary: string;
    blockers?: string;
    asks?: string;
  }): Promise<void> {
    await Promise.all([
      this.page.waitForURL(/\/updates\/new$/),
      this.page.getByRole('button', { name: /Write this sprint/ }).click(),
    ]);
    await expectAccessible(this.page);
    await this.page.locator(`input[name="rag"][value="${update.rag}"]`).check();
    await this.page.locator('#summary').fill(update.summary);
    if (update.blockers) await this.page.locator('#blockers').fill(update.blockers);
    if (update.asks) await this.page.locator('#asksForHelp').fill(update.asks);
    await Promise.all([
      this.page.waitForURL(/\?done=update$/),
      this.page.getByRole('button', { name: 'Save the update' }).click(),
    ]);
    await expectAccessible(this.page);
  }

  async openContracts(): Promise<void> {
    await Promise.all([
      this.page.waitForURL(/\/company\/contracts$/),
      this.page.locator('main').getByRole('link', { name: 'Contracts and outcomes' }).click(),
    ]);
    await expectAccessible(this.page);
  }

  async openContract(title: string): Promise<void> {
    await Promise.all([
      this.page.waitForURL(/\/company\/contracts\/[0-9a-f-]{36}$/),
      this.page.locator('#contracts').getByRole('link', { name: title }).click(),
    ]);
    await expectAccessible(this.page);
  }

  async openOutcomes(): Promise<void> {
    await this.page.goto('/company/contracts');
    await Promise.all([
      this.page.waitForURL(/\/company\/outcomes$/),
      this.page.locator('.moj-sub-navigation').getByRole('link', { name: 'Outcomes' }).click(),
    ]);
    await expectAccessible(this.page);
  }

  async recordJobs(count: number, reportedOn: string): Promise<void> {
    await this.page.locator('input[name="kind"][value="jobs"]').check();
    await this.page.locator('#count').fill(String(count));
    await this.page.locator('#reportedOn').fill(reportedOn);
    await Promise.all([
      this.page.waitForURL(/\/company\/outcomes\?recorded=1$/),
      this.page.getByRole('button', { name: 'Record the outcome' }).click(),
    ]);
    await expectAccessible(this.page);
  }
}
