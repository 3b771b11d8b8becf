import { readFileSync, writeFileSync } from 'node:fs';
import {
  EVIDENCE,
  acceleratorTeam,
  addMilestone,
  agreePlan,
  gbp,
  moveMilestone,
} from '../../support/accelerator.factory';
import { Harness } from '../../support/harness';
import { ProgrammeManagerPages } from '../pages/programme-manager.page';
import { ReportsPages } from '../pages/reports.page';
import { SponsorPages } from '../pages/sponsor.page';
import { BrowserStack, CHROMIUM, type BrowserContext, visited } from '../support/browser';

/** Each journey runs axe on every page: on a busy 2-core machine that takes a while. */
const TEST_MS = 420_000;

describe('the sponsor’s console, the cohort and reports in a browser', () => {
  const h = new Harness();
  const stack = new BrowserStack(h);
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    if (!BrowserStack.available()) {
      throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does it)`);
    }
    await h.setup();
    await h.startApi();
    // Reports are built by the worker, as in production.
    await h.startWorker();
    await stack.start();
  }, 120_000);
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });
  afterAll(async () => {
    await stack.stop();
    await h.teardown();
    if (process.env.WEB_AXE_REPORT)
      writeFileSync(`${process.env.WEB_AXE_REPORT}.console.json`, JSON.stringify(visited, null, 2));
  }, TEST_MS);

  async function sponsorJourney(javaScriptEnabled: boolean) {
    const scripts = javaScriptEnabled ? 'with' : 'without';
    const round = await h.make.round({ name: `Winter round ${scripts} scripts`, status: 'open' });
    const org = await h.make.organisation('sponsor', { name: `Highways ${scripts} scripts` });
    const { team, member, sponsor } = await acceleratorTeam(h, { sponsorOrganisationId: org.id });
    const milestone = await addMilestone(h, member, team.id, { title: 'Route model' });
    await agreePlan(h, member, sponsor, team.id);
    await moveMilestone(h, member, milestone.id, 'submitted', EVIDENCE);
    const [{ name: startup }] = await h.ownerQuery<{ name: string }>(
      'SELECT name FROM organisations WHERE id = $1',
      [team.startupOrganisationId],
    );

    context = await stack.context({ javaScriptEnabled });
    const pages = new SponsorPages(await context.newPage());
    await pages.signIn(sponsor.email, sponsor.password);
    await pages.propose({
      roundName: round.name,
      title: 'Gritting the right roads',
      summary: 'Which roads to grit before a frost.',
      problem: 'Crews grit by habit; the roads that freeze first are gritted last.',
      accelerator: '65000',
      questions: [
        { label: 'How would you approach it?', key: 'approach' },
        { label: 'Your website', key: 'website', type: 'url' },
        {
          label: 'How mature is the product?',
          key: 'stage',
          type: 'choice',
          options: 'idea\npilot',
        },
      ],
      criteria: [
        { label: 'Impact', key: 'impact', weight: '2', maxScore: '10' },
        { label: 'Feasibility', key: 'feasibility', weight: '1', maxScore: '10' },
        { label: 'Value for money', key: 'value', weight: '1', maxScore: '5' },
      ],
    });
    expect(await pages.mainText()).toContain('Submitted');
    const [proposed] = await h.ownerQuery<{ questions: unknown[]; rubric: unknown[] }>(
      `SELECT questions, rubric FROM challenges WHERE title = 'Gritting the right roads' AND round_id = $1`,
      [round.id],
    );
    expect([proposed.questions.length, proposed.rubric.length]).toEqual([3, 3]);

    await pages.openTeam(startup);
    expect(await pages.mainText()).toContain('https://example.org/pilot-report');
    await pages.signOff('Route model', 'Accept the milestone');
    expect(await pages.mainText()).toContain('The milestone is accepted.');
  }

  it(
    'a sponsor proposes a challenge with the question and rubric builder and signs off a milestone',
    () => sponsorJourney(true),
    TEST_MS,
  );

  it('does the same with JavaScript disabled', () => sponsorJourney(false), TEST_MS);

  it(
    'a programme manager watches the cohort, generates sprints and records a payment',
    async () => {
      const { team, member, sponsor, pm } = await acceleratorTeam(h);
      const m = await addMilestone(h, member, team.id, {
        title: 'Pilot in three culverts',
        payment: gbp(500_000),
      });
      await agreePlan(h, member, sponsor, team.id);
      await moveMilestone(h, member, m.id, 'submitted', EVIDENCE);
      await moveMilestone(h, sponsor, m.id, 'accepted');
      context = await stack.context();
      const page = await context.newPage();
      const pages = new ProgrammeManagerPages(page);
      await pages.signIn(pm.email, pm.password);
      await pages.open(`/manage/rounds/${team.roundId}`);
      await pages.follow('The cohort', /\/cohort$/);
      expect(await pages.mainText()).toContain('1 of 1 accepted');
      await pages.generateSprints('14');
      expect(await pages.mainText()).toContain('Sprint 8');
      await pages.follow('startup org', /\/manage\/teams\/[0-9a-f-]{36}$/);
      await pages.recordPayment('Pilot in three culverts', '2027-01-14', 'PO-2027-0042');
      expect(await pages.mainText()).toContain('reference PO-2027-0042');
    },
    TEST_MS,
  );

  it(
    'a report is asked for, followed until its progress completes, and downloaded',
    async () => {
      const pm = await h.make.programmeManager();
      const round = await h.make.round({ name: 'Reported round', status: 'assessment' });
      await h.make.application(await h.make.challenge(round, { title: 'Counted challenge' }));
      context = await stack.context();
      const page = await context.newPage();
      await new ProgrammeManagerPages(page).signIn(pm.email, pm.password);
      const reports = new ReportsPages(page);
      await reports.request('Round funnel', 'Reported round', 'CSV (spreadsheet)');
      await reports.waitUntilBuilt();
      expect(await reports.progress()).toBe(100);
      const download = await reports.download();
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
      expect(readFileSync(await download.path(), 'utf8')).toContain('Counted challenge');
    },
    TEST_MS,
  );
});
