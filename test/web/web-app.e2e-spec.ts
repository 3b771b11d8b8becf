import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Harness } from '../support/harness';
import { WebClient, csrfTokenIn, startWeb } from './support/web-app';

describe('the web application', () => {
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

  it('serves the first page under Catalyst’s name, telling the first programme manager how to sign in', async () => {
    const res = await new WebClient(web).get('/').expect(200);
    expect(res.text).toContain('Catalyst');
    expect(res.text).not.toMatch(/GOV\.UK|govuk-header__logotype/);
    expect(res.text).toContain('.data/admin-credentials.json');
    expect(res.text).toContain('lang="en-GB"');
  });

  it('sends a strict Content-Security-Policy: no inline script or style', async () => {
    const res = await new WebClient(web).get('/').expect(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('serves the GOV.UK Frontend styles locally, without the GDS Transport typeface', async () => {
    const res = await new WebClient(web).get('/assets/catalyst.css').expect(200);
    expect(res.text).toContain('.govuk-button');
    expect(res.text).not.toContain('GDS Transport');
    await new WebClient(web).get('/assets/js/govuk-frontend.min.js').expect(200);
    await new WebClient(web).get('/assets/catalyst/catalyst.js').expect(200);
  });

  it('refuses a form posted without its CSRF token', async () => {
    const user = await h.make.startupMember();
    const client = new WebClient(web);
    await client.get('/sign-in').expect(200);
    const res = await client.agent
      .post('/sign-in')
      .type('form')
      .send({ email: user.email, password: user.password });
    expect(res.status).toBe(403);
    expect(res.text).toContain('The form has expired');
    expect(res.headers['set-cookie'] ?? []).not.toEqual(
      expect.arrayContaining([expect.stringContaining('catalyst_session=')]),
    );
  });

  it('refuses a CSRF token from another browser', async () => {
    const user = await h.make.startupMember();
    const other = new WebClient(web);
    const token = csrfTokenIn((await other.get('/sign-in')).text);
    const client = new WebClient(web);
    await client.get('/sign-in');
    const res = await client.agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: token, email: user.email, password: user.password });
    expect(res.status).toBe(403);
  });

  it('keeps the session in an httpOnly, SameSite=Lax cookie and ends it on sign-out everywhere', async () => {
    const user = await h.make.startupMember();
    const client = new WebClient(web);
    const signedIn = await client.signIn(user.email, user.password);
    const cookie = (signedIn.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('catalyst_session='),
    );
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    await client.get('/dashboard').expect(200);
    const session = /catalyst_session=([^;]+)/.exec(cookie!)![1];

    // Another replica: a second web application over the same database.
    const replica = await startWeb(h);
    try {
      const elsewhere = new WebClient(replica);
      await elsewhere.agent
        .get('/dashboard')
        .set('Cookie', `catalyst_session=${session}`)
        .expect(200);
      const out = await client.submit('/dashboard', '/sign-out', {});
      expect(out.status).toBe(303);
      const after = await elsewhere.agent
        .get('/dashboard')
        .set('Cookie', `catalyst_session=${session}`);
      expect(after.status).toBe(303);
      expect(after.headers.location).toBe('/sign-in?next=%2Fdashboard');
    } finally {
      await replica.close();
    }
  });

  it('says the e-mail address or password is wrong, in the error summary', async () => {
    const user = await h.make.startupMember();
    const res = await new WebClient(web).submit('/sign-in', '/sign-in', {
      email: user.email,
      password: 'not the password at all',
    });
    expect(res.status).toBe(401);
    expect(res.text).toContain('govuk-error-summary');
    expect(res.text).toContain('The e-mail address or password is not correct');
  });

  it('maps the API’s field problems to the error summary and the fields', async () => {
    const res = await new WebClient(web).submit('/register', '/register', {
      organisationName: '',
      name: 'Ada',
      email: 'not-an-address',
      password: 'short',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('govuk-error-summary');
    expect(res.text).toContain('href="#email"');
    expect(res.text).toContain('govuk-error-message');
  });

  it('shows a page, not JSON, for a page that does not exist', async () => {
    const res = await new WebClient(web).get('/no-such-page');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toContain('Page not found');
  });

  it('sends a signed-out visitor of a signed-in page to sign in and back', async () => {
    const res = await new WebClient(web).get('/dashboard');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/sign-in?next=%2Fdashboard');
  });

  it('speaks Swedish once chosen with the language switcher', async () => {
    const client = new WebClient(web);
    const switched = await client.get('/language?lang=sv&next=%2Fchallenges');
    expect(switched.status).toBe(303);
    expect(switched.headers.location).toBe('/challenges');
    const res = await client.get('/challenges').expect(200);
    expect(res.text).toContain('lang="sv"');
    expect(res.text).toContain('Öppna utmaningar');
  });

  it('never sends anyone to another site after signing in', async () => {
    const user = await h.make.startupMember();
    const res = await new WebClient(web).submit('/sign-in', '/sign-in', {
      email: user.email,
      password: user.password,
      next: '//evil.example/',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
  });
});
