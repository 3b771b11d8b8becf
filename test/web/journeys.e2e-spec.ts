import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Harness } from '../support/harness';
import { WebClient, hiddenValue, startWeb } from './support/web-app';

describe('the web application’s journeys', () => {
  const h = new Harness();
  let web: NestFastifyApplication;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    web = await startWeb(h);
  });
  afterAll(async () => {
    await web?.close();
    await h.teardown();
  });

  it('lists open challenges with filters, and shows a challenge with its dates in the round’s zone', async () => {
    const round = await h.make.round({ timezone: 'Europe/Stockholm' });
    const challenge = await h.make.challenge(round, { title: 'Cleaner rivers', tags: ['water'] });
    await h.make.challenge(round, { title: 'Quieter streets', tags: ['noise'] });
    const client = new WebClient(web);
    const all = await client.get('/challenges').expect(200);
    expect(all.text).toContain('Cleaner rivers');
    expect(all.text).toContain('Quieter streets');
    expect(all.text).toContain('application/atom+xml');
    const filtered = await client.get('/challenges?tag=water').expect(200);
    expect(filtered.text).toContain('Cleaner rivers');
    expect(filtered.text).not.toContain('Quieter streets');
    const searched = await client.get('/challenges?q=rivers').expect(200);
    expect(searched.text).toContain('Cleaner rivers');
    const page = await client.get(`/challenges/${challenge.id}`).expect(200);
    // 2027-02-01T12:00Z is 13:00 in Stockholm.
    expect(page.text).toContain('1 February 2027 at 13:00');
    expect(page.text).toContain('Register your company to apply');
  });

  it('registers a company and applies: draft, a field error, check your answers, submit, receipt, withdraw', async () => {
    const round = await h.make.round();
    const challenge = await h.make.challenge(round, { title: 'Smarter bins' });
    const client = new WebClient(web);
    const registered = await client.submit('/register', '/register', {
      organisationName: 'Binsense Ltd',
      name: 'Ada Lovelace',
      email: `ada-${Date.now()}@binsense.example`,
      password: 'correct horse battery staple',
      next: `/challenges/${challenge.id}`,
    });
    expect(registered.status).toBe(303);
    expect(registered.headers.location).toBe(`/challenges/${challenge.id}`);

    const started = await client.submit(
      `/challenges/${challenge.id}`,
      `/challenges/${challenge.id}/apply`,
      {},
    );
    expect(started.status).toBe(303);
    const answersPath = started.headers.location;
    const id = /\/applications\/([0-9a-f-]+)\/answers/.exec(answersPath)![1];

    const form = await client.get(answersPath).expect(200);
    expect(form.text).toContain('Your approach');
    const version = hiddenValue(form.text, 'version')!;
    const wrong = await client.submit(answersPath, answersPath, {
      version,
      'answer-approach': 'Sensors in every bin',
      'answer-team_size': 'four',
      action: 'save',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('govuk-error-summary');
    expect(wrong.text).toContain('href="#answer-team_size"');
    expect(wrong.text).toContain('Team size must be a number');

    const saved = await client.submit(answersPath, answersPath, {
      version,
      'answer-approach': 'Sensors in every bin',
      'answer-team_size': '4',
      'answer-stage': 'prototype',
      action: 'check',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/applications/${id}/check`);
    const check = await client.get(`/applications/${id}/check`).expect(200);
    expect(check.text).toContain('Sensors in every bin');

    const submitted = await client.submit(
      `/applications/${id}/check`,
      `/applications/${id}/submit`,
      { version: hiddenValue(check.text, 'version')! },
    );
    expect(submitted.status).toBe(303);
    const receipt = await client.get(`/applications/${id}/submitted`).expect(200);
    expect(receipt.text).toContain('Application submitted');
    expect(receipt.text).toContain(id);

    const dashboard = await client.get('/dashboard').expect(200);
    expect(dashboard.text).toContain('Smarter bins');
    expect(dashboard.text).toContain('Submitted');

    const overview = await client.get(`/applications/${id}`).expect(200);
    const withdrawn = await client.submit(
      `/applications/${id}/withdraw`,
      `/applications/${id}/withdraw`,
      { version: hiddenValue(overview.text, 'version') ?? '', reason: 'We found a partner' },
    );
    expect(withdrawn.status).toBe(303);
    expect((await client.get(`/applications/${id}`)).text).toContain('Withdrawn');
  });

  it('shows another company’s application to nobody: 404, the policy the API uses', async () => {
    const round = await h.make.round();
    const challenge = await h.make.challenge(round);
    const theirs = await h.make.application(challenge);
    const someone = await h.make.startupMember();
    const client = new WebClient(web);
    await client.signIn(someone.email, someone.password);
    for (const path of [
      `/applications/${theirs.id}`,
      `/applications/${theirs.id}/answers`,
      `/applications/${theirs.id}/check`,
    ]) {
      const res = await client.get(path);
      expect(res.status).toBe(404);
      expect(res.text).toContain('Page not found');
    }
    const post = await client.submit('/dashboard', `/applications/${theirs.id}/withdraw`, {
      reason: 'mischief',
    });
    expect(post.status).toBe(404);
    await client.get('/applications/not-a-uuid').expect(404);
  });

  it('lets an assessor score in a blind round without seeing the company, then submit after a check', async () => {
    const round = await h.make.round({ blindReview: true });
    const challenge = await h.make.challenge(round, { title: 'Blind challenge' });
    const company = await h.make.organisation('startup', { name: 'Secretive Widgets AB' });
    const application = await h.make.application(challenge, { company });
    const { assessors, assessmentIds } = await h.make.assessments(application.id, ['assigned']);
    const [assessor] = assessors;
    const client = new WebClient(web);
    await client.signIn(assessor.email, assessor.password);

    const list = await client.get('/assessments').expect(200);
    expect(list.text).toContain('0 of 1 done');
    const [id] = assessmentIds;
    const page = await client.get(`/assessments/${id}`).expect(200);
    expect(page.text).not.toContain('Secretive Widgets');
    expect(page.text).toContain('blind review');

    const tooHigh = await client.submit(`/assessments/${id}`, `/assessments/${id}`, {
      version: hiddenValue(page.text, 'version')!,
      'score-impact': '11',
      action: 'check',
    });
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.text).toContain('govuk-error-summary');

    const saved = await client.submit(`/assessments/${id}`, `/assessments/${id}`, {
      version: hiddenValue(page.text, 'version')!,
      'score-impact': '7',
      comment: 'Promising',
      action: 'check',
    });
    expect(saved.status).toBe(303);
    const check = await client.get(`/assessments/${id}/check`).expect(200);
    expect(check.text).toContain('7 / 10');
    const submitted = await client.submit(`/assessments/${id}/check`, `/assessments/${id}/submit`, {
      version: hiddenValue(check.text, 'version')!,
    });
    expect(submitted.status).toBe(303);
    expect((await client.get('/assessments')).text).toContain('1 of 1 done');
  });

  it('lets an assessor declare a conflict with a reason', async () => {
    const round = await h.make.round();
    const challenge = await h.make.challenge(round);
    const application = await h.make.application(challenge);
    const { assessors, assessmentIds } = await h.make.assessments(application.id, ['assigned']);
    const client = new WebClient(web);
    await client.signIn(assessors[0].email, assessors[0].password);
    const [id] = assessmentIds;
    const page = await client.get(`/assessments/${id}/conflict`).expect(200);
    const declared = await client.submit(
      `/assessments/${id}/conflict`,
      `/assessments/${id}/conflict`,
      {
        version: hiddenValue(page.text, 'version')!,
        reason: 'I advised this company last year',
      },
    );
    expect(declared.status).toBe(303);
    expect((await client.get('/assessments')).text).toContain('Conflict declared');
  });

  it('changes one’s name in account settings', async () => {
    const user = await h.make.startupMember();
    const client = new WebClient(web);
    await client.signIn(user.email, user.password);
    const res = await client.submit('/account', '/account/name', { name: 'Grace Hopper' });
    expect(res.status).toBe(303);
    expect((await client.get('/account')).text).toContain('Grace Hopper');
  });
});
