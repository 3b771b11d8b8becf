import { writeFileSync } from 'node:fs';
import { Notification } from '@catalyst/notifications';
import {
  Harness,
  acceleratorTeam,
  awardedContract,
  expectStatus,
  gbp,
  movePlan,
  payContract,
} from '../../support';
import { CompanyPages } from '../pages/company.page';
import { BrowserStack, CHROMIUM, type BrowserContext, visited } from '../support/browser';

/** Each journey runs axe on every page: on a busy 2-core machine that takes a while. */
const TEST_MS = 300_000;

/**
 * A company in a real browser against the real stack: inviting a colleague who joins, the
 * selected company's team running its plan (a milestone submitted with an uploaded document, a
 * progress update), notifications, and a decision with released feedback. axe on every page.
 */
describe('a company’s account and team in a browser', () => {
  const h = new Harness();
  const stack = new BrowserStack(h);
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    if (!BrowserStack.available()) {
      throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does it)`);
    }
    await h.setup();
    await h.startApi();
    await stack.start();
  }, 120_000);
  afterEach(async () => {
    await context?.close();
    context = undefined;
    h.clock.set('2027-01-15T09:00:00Z');
  });
  afterAll(async () => {
    await stack.stop();
    await h.teardown();
    if (process.env.WEB_AXE_REPORT)
      writeFileSync(process.env.WEB_AXE_REPORT, JSON.stringify(visited, null, 2));
  }, TEST_MS);

  it(
    'a company member invites a colleague, who accepts and joins',
    async () => {
      const founder = await h.make.startupMember();
      context = await stack.context();
      const pages = new CompanyPages(await context.newPage());
      await pages.signIn(founder.email, founder.password);
      await pages.openColleagues();
      const email = `grace-${Date.now()}@example.test`;
      const link = await pages.invite(email);
      expect(await pages.pendingInvitations()).toContain(email);

      const invitee = await stack.context();
      try {
        const colleague = new CompanyPages(await invitee.newPage());
        await colleague.acceptInvitation(link, 'Grace Hopper', 'a long and memorable passphrase');
        expect(await colleague.mainText()).toContain('You have joined your colleagues');
      } finally {
        await invitee.close();
      }
      await pages.openColleagues();
      expect(await pages.mainText()).toContain('Grace Hopper');
    },
    TEST_MS,
  );

  it(
    'a selected company’s team plans, submits a milestone with a document, reports progress, and reads its notifications',
    async () => {
      const pm = await h.make.programmeManager();
      const x = await acceleratorTeam(h, { pm });
      expectStatus(
        await h
          .http()
          .post(`/api/v1/rounds/${x.team.roundId}/sprints`)
          .set('authorization', pm.bearer)
          .send({ lengthDays: 14 }),
        201,
      );
      // Then into the accelerator's second sprint: a progress update goes to today's sprint.
      h.clock.set('2027-04-16T09:00:00Z');
      await h.dataSource().getRepository(Notification).insert({
        userId: x.member.id,
        kind: 'test',
        title: 'Welcome to the accelerator',
        body: 'Your team page is ready.',
        link: null,
        subjectType: 'team',
        subjectId: x.team.id,
        readAt: null,
        createdAt: h.clock.now(),
      });
      context = await stack.context();
      const pages = new CompanyPages(await context.newPage());
      await pages.signIn(x.member.email, x.member.password);
      expect(await pages.mainText()).toContain('Welcome to the accelerator');
      await pages.openNotifications();
      expect(await pages.mainText()).toContain('You have 1 unread notification.');
      await pages.markAllRead();
      expect(await pages.mainText()).toContain('You have 0 unread notifications.');

      await pages.openTeam();
      await pages.addMilestone({ title: 'Pilot in three culverts', dueOn: '2027-05-14' });
      await pages.proposePlan();
      expect(await pages.planStatus()).toBe('Proposed');
      await movePlan(h, x.sponsor, x.team.id, 'agreed');
      await pages.reload();
      expect(await pages.planStatus()).toBe('Agreed');

      await pages.openMilestone('Pilot in three culverts');
      await pages.submitMilestone(['https://example.org/pilot-report'], {
        name: 'pilot-report.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('Three culverts, all dry after the storm.\n'),
      });
      expect(await pages.milestoneStatus()).toBe('Submitted');
      expect(await pages.milestoneDocuments()).toContain('pilot-report.txt');

      await pages.backToTeam();
      await pages.writeUpdate({
        rag: 'amber',
        summary: 'Sensors arrived late',
        blockers: 'Our supplier',
        asks: 'An introduction to the roads team',
      });
      expect(await pages.mainText()).toContain('Sensors arrived late');
    },
    TEST_MS,
  );

  it(
    'a company sees the decision on its application, then the feedback once released',
    async () => {
      const pm = await h.make.programmeManager();
      const x = await acceleratorTeam(h, { pm });
      context = await stack.context();
      const pages = new CompanyPages(await context.newPage());
      await pages.signIn(x.member.email, x.member.password);
      await pages.openApplication(x.team.applicationId);
      expect(await pages.mainText()).toContain('Congratulations');
      expect(await pages.mainText()).toContain('has not released the assessors');
      expectStatus(
        await h
          .http()
          .post(`/api/v1/challenges/${x.team.challengeId}/feedback-release`)
          .set('authorization', pm.bearer)
          .send({}),
        200,
      );
      await pages.reload();
      expect(await pages.mainText()).toContain('Released');
    },
    TEST_MS,
  );

  it(
    'a company reads its contract with its payments and records an outcome',
    async () => {
      const pm = await h.make.programmeManager();
      const x = await acceleratorTeam(h, { pm });
      const contract = await awardedContract(h, pm, {
        buyerOrganisationId: x.team.sponsorOrganisationId,
        startupOrganisationId: x.team.startupOrganisationId,
        teamId: x.team.id,
      });
      await payContract(h, pm, contract.id, gbp(250_000)).expect(201);
      context = await stack.context();
      const pages = new CompanyPages(await context.newPage());
      await pages.signIn(x.member.email, x.member.password);
      await pages.openContracts();
      await pages.openContract(contract.title);
      expect(await pages.mainText()).toContain('£2,500');
      await pages.openOutcomes();
      await pages.recordJobs(3, '2027-01-12');
      expect(await pages.mainText()).toContain('Jobs created');
    },
    TEST_MS,
  );
});
