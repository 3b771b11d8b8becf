import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Harness, TestIdentityProvider, TestUser } from '@catalyst/testing';
import { SsoPages } from '../pages/sso.page';
import { BrowserStack, CHROMIUM, type BrowserContext } from '../support/browser';

const TEST_MS = 180_000;

/** A free loopback port: PUBLIC_URL (the redirect URI the provider knows) must name it. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('signing a sponsor in through their organisation’s provider, in a browser', () => {
  const env: Record<string, string> = {
    SSO_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    SSO_ALLOW_INSECURE_ISSUERS: 'true',
    AUTH_RATE_LIMIT_PER_MINUTE: '1000',
  };
  const h = new Harness({ env });
  const stack = new BrowserStack(h);
  const idp = new TestIdentityProvider();
  let port: number;
  let pm: TestUser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    if (!BrowserStack.available()) {
      throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does it)`);
    }
    port = await freePort();
    env.PUBLIC_URL = `http://127.0.0.1:${port}`;
    await h.setup();
    await h.startApi();
    await idp.start({
      redirectUris: [
        `${env.PUBLIC_URL}/sso/callback`,
        `${env.PUBLIC_URL}/api/v1/auth/sso/callback`,
      ],
      postLogoutRedirectUris: [`${env.PUBLIC_URL}/signed-out`],
    });
    await stack.start(port);
    pm = await h.make.programmeManager();
  }, 120_000);
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });
  afterAll(async () => {
    await stack.stop();
    await idp.stop();
    await h.teardown();
  }, TEST_MS);

  async function council(name: string, domain: string, extra: object = {}) {
    const organisation = await h.make.organisation('sponsor', { name });
    await h
      .http()
      .post(`/api/v1/organisations/${organisation.id}/identity-providers`)
      .set('Authorization', pm.bearer)
      .send({
        displayName: name,
        issuerUrl: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        emailDomains: [domain],
        firstSignIn: 'join',
        defaultRole: 'sponsor',
        ...extra,
      })
      .expect(201);
    return organisation;
  }

  it(
    'signs a sponsor in at the provider’s own page, joins them, and offers the provider’s sign-out',
    async () => {
      const organisation = await council('Fife Council', 'fife.gov.test');
      idp.accounts.set('morag', { email: 'morag@fife.gov.test', name: 'Morag Fife' });
      context = await stack.context();
      const pages = new SsoPages(await context.newPage(), idp.issuer);
      await pages.openSignIn();
      await pages.signInWith('Fife Council', 'morag');
      expect(await pages.signedInAs()).toBe('Morag Fife');
      const [membership] = await h
        .dataSource()
        .query(
          'SELECT m.organisation_id, m.role FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1',
          ['morag@fife.gov.test'],
        );
      expect(membership).toEqual({ organisation_id: organisation.id, role: 'sponsor' });

      const providerSignOut = await pages.signOut();
      expect(providerSignOut).toMatch(new RegExp(`^${idp.issuer}/`));
      // Signed out of Catalyst: the session cookie no longer opens pages.
      await pages.openSignIn();
      expect(await pages.signedInAs()).toBe('');
    },
    TEST_MS,
  );

  it(
    'finds the organisation from the e-mail domain, and explains an expired sign-in',
    async () => {
      await council('Angus Council', 'angus.gov.test');
      idp.accounts.set('ewan', { email: 'ewan@angus.gov.test', name: 'Ewan Angus' });
      context = await stack.context();
      const page = await context.newPage();
      const pages = new SsoPages(page, idp.issuer);
      await pages.openSignIn();
      await pages.signInByEmail('ewan@angus.gov.test', 'Angus Council', 'ewan');
      expect(await pages.signedInAs()).toBe('Ewan Angus');

      // An answer from the provider that this browser did not start.
      const other = await stack.context();
      const stray = await other.newPage();
      await stray.goto('/sso/callback?code=abc&state=def');
      expect(await new SsoPages(stray, idp.issuer).errorText()).toContain('Start again');
      await other.close();
    },
    TEST_MS,
  );

  it(
    'links an existing account only after its password, and refuses password sign-in where SSO is required',
    async () => {
      const organisation = await council('Perth Council', 'perth.gov.test', { requireSso: true });
      const existing = await h.make.user('sponsor', {
        organisationId: organisation.id,
        email: 'isla@perth.gov.test',
        name: 'Isla Perth',
      });
      idp.accounts.set('isla', { email: existing.email, name: existing.name });
      context = await stack.context();
      const pages = new SsoPages(await context.newPage(), idp.issuer);
      await pages.openSignIn();
      expect(await pages.signInWithPassword(existing.email, existing.password)).toContain(
        'Your organisation signs you in through its own service',
      );

      await pages.signInWith('Perth Council', 'isla');
      expect(await pages.atLinkPage()).toBe(true);
      expect(await pages.signedInAs()).toBe('');
      await pages.confirmLink('certainly not the password');
      expect(await pages.errorSummary()).toContain('The password is not correct');
      await pages.confirmLink(existing.password);
      expect(await pages.signedInAs()).toBe('Isla Perth');
      const links = await h
        .dataSource()
        .query('SELECT via FROM identity_links WHERE user_id = $1', [existing.id]);
      expect(links).toEqual([{ via: 'confirmed_link' }]);
    },
    TEST_MS,
  );
});
