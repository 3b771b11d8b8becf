import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Harness } from '../support/harness';
import {
  EVIDENCE,
  acceptMilestone,
  acceleratorTeam,
  addMilestone,
  agreePlan,
  gbp,
  moveMilestone,
} from '../support/accelerator.factory';
import { BrowserStack, CHROMIUM, type BrowserContext, type Page } from '../web/support/browser';

/**
 * The README's screenshots: a small, realistic programme made with the test factories, and the
 * six pages the README shows, photographed 1280 pixels wide into docs/screenshots/.
 * `npm run screenshots` runs it (SCREENSHOTS=1); `npm test` never does.
 */
const OUT = join(__dirname, '..', '..', 'docs', 'screenshots');
const TEST_MS = 300_000;
const run = process.env.SCREENSHOTS === '1' ? describe : describe.skip;

run('the README’s screenshots', () => {
  const h = new Harness();
  const stack = new BrowserStack(h);
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    if (!BrowserStack.available()) {
      throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium`);
    }
    mkdirSync(OUT, { recursive: true });
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
  }, TEST_MS);

  async function signedIn(email: string, password: string, next: string): Promise<Page> {
    context = await stack.context();
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(password);
    await Promise.all([
      page.waitForURL((url) => !url.pathname.startsWith('/sign-in')),
      page.locator('main').getByRole('button', { name: 'Sign in' }).click(),
    ]);
    return page;
  }

  /** Opens `path`, checks it is the page meant (its heading), and photographs the whole page. */
  async function shoot(page: Page, path: string, heading: string | RegExp, file: string) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').first().textContent()).resolves.toMatch(heading);
    await page.screenshot({ path: join(OUT, file), fullPage: true });
  }

  const sponsors = ['Scottish Water', 'Transport Scotland', 'NHS Lothian'];
  const challenges = [
    { title: 'Spotting blocked culverts before they flood', tags: ['water', 'sensors'] },
    { title: 'Fewer empty miles for rural buses', tags: ['transport', 'data'] },
    { title: 'Shorter waits for hearing tests', tags: ['health'] },
  ];

  it(
    'the portal, the application form and the assessor’s scoring page',
    async () => {
      const round = await h.make.round({ name: 'Spring 2027 challenges' });
      const published = [];
      for (const [i, c] of challenges.entries()) {
        const sponsor = await h.make.organisation('sponsor', { name: sponsors[i] });
        published.push(await h.make.challenge(round, { ...c, sponsorOrganisationId: sponsor.id }));
      }
      context = await stack.context();
      const portal = await context.newPage();
      await portal.setViewportSize({ width: 1280, height: 800 });
      await shoot(portal, '/challenges', 'Open challenges', 'portal.png');
      await context.close();

      const company = await h.make.organisation('startup', { name: 'Culvert Sense Ltd' });
      const member = await h.make.startupMember(company.id);
      const draft = await h.make.application(published[0], {
        company,
        status: 'draft',
        submittedAt: null,
        answers: { approach: 'Low-cost water-level sensors reporting every 15 minutes' },
      });
      const form = await signedIn(member.email, member.password, '/dashboard');
      await shoot(form, `/applications/${draft.id}/answers`, /./, 'application-form.png');
      await context?.close();

      const other = await h.make.organisation('startup', { name: 'Flowwatch AB' });
      const submitted = await h.make.application(published[0], { company: other });
      const { assessors } = await h.make.assessments(submitted.id, ['assigned']);
      const scoring = await signedIn(assessors[0].email, assessors[0].password, '/assessments');
      const assessmentId = await h.ownerQuery<{ id: string }>(
        'SELECT id FROM assessments WHERE application_id = $1',
        [submitted.id],
      );
      await shoot(scoring, `/assessments/${assessmentId[0].id}`, /./, 'assessor-scoring.png');
    },
    TEST_MS,
  );

  it(
    'the programme manager’s dashboard, a ranking and a cohort',
    async () => {
      const pm = await h.make.programmeManager();
      const assessing = await h.make.round({
        name: 'Spring 2027 challenges',
        status: 'assessment',
        closedAt: new Date('2027-02-01T12:00:00Z'),
      });
      const sponsor = await h.make.organisation('sponsor', { name: 'Scottish Water' });
      const challenge = await h.make.challenge(assessing, {
        ...challenges[0],
        sponsorOrganisationId: sponsor.id,
      });
      const companies = ['Culvert Sense Ltd', 'Flowwatch AB', 'Grate Minds', 'Rain Ledger'];
      const apps = [];
      for (const name of companies) {
        const company = await h.make.organisation('startup', { name });
        const application = await h.make.application(challenge, { company });
        await h.make.assessments(application.id, ['submitted', 'submitted']);
        apps.push(application);
      }
      // Scores from strong to weak; the assessors disagree on the third (a flag).
      await h.ownerQuery(
        `UPDATE assessment_scores s SET score = CASE
            WHEN a.application_id = $1 THEN 9
            WHEN a.application_id = $2 THEN 7
            WHEN a.application_id = $3 AND a.assessor_user_id = (
              SELECT min(assessor_user_id::text)::uuid FROM assessments WHERE application_id = $3)
              THEN 10
            WHEN a.application_id = $3 THEN 2
            ELSE 4 END
          FROM assessments a WHERE a.id = s.assessment_id AND a.challenge_id = $4`,
        [apps[0].id, apps[1].id, apps[2].id, challenge.id],
      );

      const running = await h.make.round({
        name: 'Autumn 2026 cohort',
        status: 'accelerator',
        closedAt: new Date('2026-09-01T12:00:00Z'),
        acceleratorStartsOn: '2026-11-02',
        acceleratorEndsOn: '2027-03-12',
      });
      const teams = [
        { company: 'Busline Analytics', sponsor: 'Transport Scotland' },
        { company: 'HearWell Digital', sponsor: 'NHS Lothian' },
        { company: 'Peatland Carbon Co', sponsor: 'NatureScot' },
      ];
      for (const [i, t] of teams.entries()) {
        const startup = await h.make.organisation('startup', { name: t.company });
        const sponsorOrg = await h.make.organisation('sponsor', { name: t.sponsor });
        const {
          team,
          member,
          sponsor: sponsorUser,
        } = await acceleratorTeam(h, {
          round: running,
          startupOrganisationId: startup.id,
          sponsorOrganisationId: sponsorOrg.id,
          pm,
        });
        const first = await addMilestone(h, member, team.id, {
          title: 'Discovery report',
          dueOn: '2026-12-11',
          payment: gbp(1_500_000),
        });
        await addMilestone(h, member, team.id, { title: 'Working pilot', dueOn: '2027-02-26' });
        await agreePlan(h, member, sponsorUser, team.id);
        if (i === 0) await acceptMilestone(h, member, sponsorUser, first.id);
        if (i === 1) await moveMilestone(h, member, first.id, 'submitted', EVIDENCE);
      }

      const page = await signedIn(pm.email, pm.password, '/manage');
      await shoot(page, '/manage', /./, 'programme-dashboard.png');
      await shoot(page, `/manage/challenges/${challenge.id}/ranking`, /./, 'ranking.png');
      await shoot(
        page,
        `/manage/rounds/${running.id}/cohort`,
        'Cohort and accelerator',
        'cohort.png',
      );
    },
    TEST_MS,
  );
});
