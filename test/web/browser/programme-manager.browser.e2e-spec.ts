import { writeFileSync } from 'node:fs';
import { Harness } from '../../support/harness';
import { ProgrammeManagerPages } from '../pages/programme-manager.page';
import { BrowserStack, CHROMIUM, type BrowserContext, visited } from '../support/browser';

/** Each journey runs axe on every page: on a busy 2-core machine that takes a while. */
const TEST_MS = 420_000;

describe('the programme manager’s console in a browser', () => {
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

  async function journey(javaScriptEnabled: boolean) {
    const pm = await h.make.programmeManager();
    const assessor = await h.make.assessor();
    context = await stack.context({ javaScriptEnabled });
    const page = await context.newPage();
    const pages = new ProgrammeManagerPages(page);
    await pages.signIn(pm.email, pm.password);
    const scripts = javaScriptEnabled ? 'with scripts' : 'without scripts';
    const name = `Round ${scripts}`;
    const roundId = await pages.createRound({
      name,
      opens: ['2027-02-01', '09:00'],
      closes: ['2027-03-15', '12:00'],
      acceleratorStartsOn: '2027-05-03',
      acceleratorEndsOn: '2027-08-20',
    });
    // The harness clock is 2027-01-15: opening before the date asks why.
    await pages.move('Open the call', 'The sponsors are ready early');
    expect(await pages.mainText()).toContain('Open');

    const challenge = await h.make.challenge(
      { id: roundId },
      { title: 'Cleaner culverts', status: 'submitted', publishedAt: null },
    );
    await pages.open(`/manage/rounds/${roundId}`);
    await pages.follow('Cleaner culverts', /\/manage\/challenges\/[0-9a-f-]{36}$/);
    await pages.move('Approve');
    await pages.move('Publish');
    expect(await pages.mainText()).toContain('Published');

    // Three applications, scored; the assessors disagree on the second (a flag).
    const apps = [];
    const companies = ['Culvert Sense', 'Flowwatch', 'Grate Minds'];
    for (const name of companies) {
      const company = await h.make.organisation('startup', { name: `${name} ${scripts}` });
      const application = await h.make.application(challenge, { company });
      await h.make.assessments(application.id, ['submitted', 'submitted']);
      apps.push(application);
    }
    await h.ownerQuery(
      `UPDATE assessment_scores s SET score = CASE
          WHEN a.application_id = $1 THEN 9
          WHEN a.application_id = $2 AND a.assessor_user_id = (
            SELECT min(assessor_user_id::text)::uuid FROM assessments WHERE application_id = $2)
            THEN 10
          WHEN a.application_id = $2 THEN 2
          ELSE 3 END
        FROM assessments a WHERE a.id = s.assessment_id AND a.challenge_id = $3`,
      [apps[0].id, apps[1].id, challenge.id],
    );
    await pages.open(`/manage/rounds/${roundId}`);
    await pages.move('End the call and start assessment', 'Enough applications to assess');

    await pages.open(`/manage/challenges/${challenge.id}/panel`);
    await pages.addAssessor(assessor.email);
    await pages.open('/manage');
    expect(await pages.mainText()).toContain(
      'Cleaner culverts: 1 application with assessors far apart',
    );
    await pages.follow('Cleaner culverts: 1 application with assessors far apart', /\/ranking$/);
    expect(await pages.mainText()).toContain('Flagged');
    await pages.open(`/manage/applications/${apps[0].id}?stage=sift`);
    await pages.decide('Shortlist', 'Strongest on impact');
    await pages.rejectBelow('1', 'Below the line this round');
    expect(await pages.mainText()).toContain('2 applications not taken forward');
    await pages.open('/manage/audit');
    expect(await pages.mainText()).toContain('from Submitted to Shortlisted');
    expect(await pages.mainText()).toContain('Below the line this round');

    // Before any selection the cohort is empty; selecting in exploration forms the team.
    await pages.open(`/manage/rounds/${roundId}/cohort`);
    expect(await pages.mainText()).not.toContain(`Culvert Sense ${scripts}`);
    await pages.open(`/manage/rounds/${roundId}`);
    await pages.move('Start exploration');
    await pages.open(`/manage/applications/${apps[0].id}?stage=sift`);
    await pages.decide('Select', 'The sponsor wants to pilot it');
    await pages.open(`/manage/rounds/${roundId}/cohort`);
    const cohort = await pages.cohortTeams();
    expect(cohort).toEqual([`Culvert Sense ${scripts}`]);
    expect(await pages.mainText()).toContain('1 team');
    expect(await pages.mainText()).toContain('Cleaner culverts');
  }

  it(
    'runs a round from creation to a formed cohort: round, challenge approval, panel, a flagged ranking, decisions with reasons, selection, cohort',
    () => journey(true),
    TEST_MS,
  );

  it('does the same with JavaScript disabled', () => journey(false), TEST_MS);
});
