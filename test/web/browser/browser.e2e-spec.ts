import { writeFileSync } from 'node:fs';
import { Harness } from '../../support/harness';
import { AssessorPages } from '../pages/assessor.page';
import { PortalPage } from '../pages/portal.page';
import { StartupPages } from '../pages/startup.page';
import { BrowserStack, CHROMIUM, type BrowserContext, visited } from '../support/browser';

/**
 * Real browsers against the real stack (the API and the web application at one address, as
 * npm start serves them, over PostgreSQL and Redis): axe checks WCAG 2.2 AA on every page.
 */
/** Each journey runs axe on every page: on a busy 2-core machine that takes a while. */
const TEST_MS = 180_000;

describe('the web application in a browser', () => {
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
  });
  afterAll(async () => {
    await stack.stop();
    await h.teardown();
    if (process.env.WEB_AXE_REPORT)
      writeFileSync(process.env.WEB_AXE_REPORT, JSON.stringify(visited, null, 2));
  }, TEST_MS);

  it(
    'the public portal: first page, challenges, a filter, a challenge, programmes',
    async () => {
      const round = await h.make.round();
      await h.make.challenge(round, { title: 'Cleaner rivers', tags: ['water'] });
      await h.make.challenge(round, { title: 'Quieter streets', tags: ['noise'] });
      context = await stack.context();
      const portal = new PortalPage(await context.newPage());
      await portal.openHome();
      await portal.openChallenges();
      expect(await portal.challengeTitles()).toEqual(
        expect.arrayContaining(['Cleaner rivers', 'Quieter streets']),
      );
      await portal.filterByTag('water');
      expect(await portal.challengeTitles()).toEqual(['Cleaner rivers']);
      await portal.openChallenge('Cleaner rivers');
      await portal.openProgrammes();
    },
    TEST_MS,
  );

  it(
    'registers a company and applies from the portal to a receipt, answering with the keyboard only',
    async () => {
      const round = await h.make.round();
      await h.make.challenge(round, { title: 'Smarter bins' });
      context = await stack.context();
      const page = await context.newPage();
      const portal = new PortalPage(page);
      const startup = new StartupPages(page);
      await portal.openChallenges();
      await portal.openChallenge('Smarter bins');
      await startup.register({
        company: 'Binsense Ltd',
        name: 'Ada Lovelace',
        email: `ada-${Date.now()}@binsense.example`,
        password: 'correct horse battery staple',
      });
      await startup.startApplication();
      await startup.answerWithKeyboard({
        approach: 'Sensors in every bin',
        teamSize: '4',
        website: 'https://binsense.example',
      });
      const receipt = await startup.submitWithKeyboard();
      expect(receipt).toMatch(/^[0-9a-f-]{36}$/);
      await startup.openDashboard();
      expect(await page.locator('main').textContent()).toContain('Smarter bins');
    },
    TEST_MS,
  );

  it(
    'works the same with JavaScript disabled',
    async () => {
      const round = await h.make.round();
      await h.make.challenge(round, { title: 'No-script challenge' });
      context = await stack.context({ javaScriptEnabled: false });
      const page = await context.newPage();
      const portal = new PortalPage(page);
      const startup = new StartupPages(page);
      await portal.openChallenges();
      await portal.openChallenge('No-script challenge');
      await startup.register({
        company: 'Plain HTML AB',
        name: 'Grace Hopper',
        email: `grace-${Date.now()}@plain.example`,
        password: 'correct horse battery staple',
      });
      await startup.startApplication();
      await startup.answerWithMouse({ approach: 'Forms that post', teamSize: '2' });
      expect(await startup.submit()).toMatch(/^[0-9a-f-]{36}$/);
    },
    TEST_MS,
  );

  it(
    'lets an assessor score in a blind round without ever seeing the company',
    async () => {
      const round = await h.make.round({ blindReview: true });
      const challenge = await h.make.challenge(round, { title: 'Blind challenge' });
      const company = await h.make.organisation('startup', { name: 'Secretive Widgets AB' });
      const application = await h.make.application(challenge, { company });
      const { assessors } = await h.make.assessments(application.id, ['assigned']);
      context = await stack.context();
      const assessor = new AssessorPages(await context.newPage());
      await assessor.signIn(assessors[0].email, assessors[0].password);
      expect(await assessor.openAssessments()).toContain('0 of 1 done');
      const scoring = await assessor.openFirstToDo();
      expect(scoring).not.toContain('Secretive Widgets');
      await assessor.score('score-impact', '7');
      await assessor.submit();
      expect(await assessor.openAssessments()).toContain('1 of 1 done');
    },
    TEST_MS,
  );

  it(
    'shows the portal and the company’s pages in Swedish',
    async () => {
      const round = await h.make.round({ timezone: 'Europe/Stockholm' });
      await h.make.challenge(round, { title: 'Renare sjöar' });
      context = await stack.context();
      const page = await context.newPage();
      const portal = new PortalPage(page);
      await portal.openHome();
      await portal.chooseLanguage('Svenska');
      expect(await page.getAttribute('html', 'lang')).toBe('sv');
      await portal.openChallenges();
      expect(await page.locator('h1').textContent()).toBe('Öppna utmaningar');
      await portal.openChallenge('Renare sjöar');
      expect(await page.locator('main').textContent()).toContain('februari 2027');
      await page.goto('/register');
      expect(await page.locator('h1').textContent()).toBe('Registrera ert företag');
    },
    TEST_MS,
  );
});
