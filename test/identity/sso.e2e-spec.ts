import { randomBytes } from 'node:crypto';
import { Harness, TestIdentityProvider, TestUser, signInAtProvider } from '@catalyst/testing';

const PUBLIC_URL = 'http://catalyst.test';

/**
 * Single sign-on through a real OpenID Connect provider (oidc-provider on loopback), driven
 * over HTTP through its own login and consent pages, for API clients: start → provider →
 * callback → exchange.
 */
describe('signing in through an organisation’s identity provider (API)', () => {
  const h = new Harness({
    env: {
      AUTH_RATE_LIMIT_PER_MINUTE: '1000',
      PUBLIC_URL,
      SSO_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      SSO_ALLOW_INSECURE_ISSUERS: 'true',
    },
  });
  const idp = new TestIdentityProvider();
  let pm: TestUser;
  let seq = 0;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    await idp.start({
      redirectUris: [`${PUBLIC_URL}/sso/callback`, `${PUBLIC_URL}/api/v1/auth/sso/callback`],
      postLogoutRedirectUris: [`${PUBLIC_URL}/signed-out`],
    });
    pm = await h.make.programmeManager();
  });
  afterAll(async () => {
    await idp.stop();
    await h.teardown();
  });
  afterEach(() => {
    idp.tampering = 'none';
  });

  /** A sponsor organisation with a provider vouching for a fresh domain. */
  async function council(policy: Record<string, unknown> = {}) {
    const domain = `council${++seq}.gov.test`;
    const organisation = await h.make.organisation('sponsor');
    const res = await h
      .http()
      .post(`/api/v1/organisations/${organisation.id}/identity-providers`)
      .set('Authorization', pm.bearer)
      .send({
        displayName: `Council ${seq}`,
        issuerUrl: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        emailDomains: [domain],
        firstSignIn: 'join',
        defaultRole: 'sponsor',
        ...policy,
      })
      .expect(201);
    return { organisation, domain, provider: res.body as { id: string } };
  }

  function person(domain: string, extra: { disabled?: boolean } = {}) {
    const login = `person-${++seq}`;
    const email = `${login}@${domain}`;
    idp.accounts.set(login, { email, name: `Person ${seq}`, ...extra });
    return { login, email };
  }

  async function start(body: Record<string, unknown>) {
    const res = await h.http().post('/api/v1/auth/sso/start').send(body).expect(201);
    return res.body as { authorizationUrl: string; flowSecret: string };
  }

  async function callback(back: URL) {
    expect(back.origin + back.pathname).toBe(`${PUBLIC_URL}/api/v1/auth/sso/callback`);
    return h.http().get(`/api/v1/auth/sso/callback${back.search}`);
  }

  const audit = (action: string) =>
    h
      .dataSource()
      .query(
        'SELECT actor_id, entity_id, reason, data FROM audit_events WHERE action = $1 ORDER BY at',
        [action],
      );

  it('a first sign-in joins the organisation with the default role, then exchanges for tokens', async () => {
    const { organisation, domain, provider } = await council();
    const { login, email } = person(domain);
    const started = await start({ email });
    const authorization = new URL(started.authorizationUrl);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('state')).toBeTruthy();
    expect(authorization.searchParams.get('nonce')).toBeTruthy();

    const back = await callback(await signInAtProvider(started.authorizationUrl, login));
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: 'completed', exchangeCode: expect.any(String) });

    const pair = await h
      .http()
      .post('/api/v1/auth/sso/exchange')
      .send({ flowSecret: started.flowSecret, exchangeCode: back.body.exchangeCode })
      .expect(200);
    const me = await h
      .http()
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${pair.body.accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({
      email,
      memberships: [{ organisationId: organisation.id, role: 'sponsor' }],
    });
    // The code works once.
    const again = await h
      .http()
      .post('/api/v1/auth/sso/exchange')
      .send({ flowSecret: started.flowSecret, exchangeCode: back.body.exchangeCode });
    expect([again.status, again.body.code]).toEqual([401, 'sso.flow_expired']);

    const [link] = await h
      .dataSource()
      .query('SELECT provider_id, subject, via FROM identity_links WHERE user_id = $1', [
        me.body.id,
      ]);
    expect(link).toEqual({ provider_id: provider.id, subject: login, via: 'first_sign_in' });
    expect(await audit('sso_sign_in.completed')).toContainEqual(
      expect.objectContaining({ actor_id: me.body.id }),
    );

    // The second sign-in finds the same account by its subject.
    const second = await start({ providerId: provider.id });
    const back2 = await callback(await signInAtProvider(second.authorizationUrl, login));
    expect(back2.body.status).toBe('completed');
    const [{ n }] = await h
      .dataSource()
      .query('SELECT count(*)::int AS n FROM users WHERE email = $1', [email]);
    expect(n).toBe(1);
  });

  it('an invited-only organisation refuses someone it did not invite, and takes the invited', async () => {
    const { organisation, domain } = await council({
      firstSignIn: 'invited_only',
      defaultRole: undefined,
    });
    const stranger = person(domain);
    const started = await start({ email: stranger.email });
    const refused = await callback(
      await signInAtProvider(started.authorizationUrl, stranger.login),
    );
    expect([refused.status, refused.body.code]).toEqual([403, 'sso.not_invited']);
    expect(await audit('sso_sign_in.refused')).toContainEqual(
      expect.objectContaining({ reason: 'sso.not_invited' }),
    );
    const [{ n }] = await h
      .dataSource()
      .query('SELECT count(*)::int AS n FROM users WHERE email = $1', [stranger.email]);
    expect(n).toBe(0);

    const invited = person(domain);
    await h
      .http()
      .post(`/api/v1/organisations/${organisation.id}/invitations`)
      .set('Authorization', pm.bearer)
      .send({ email: invited.email, role: 'assessor' })
      .expect(201);
    const s2 = await start({ email: invited.email });
    const ok = await callback(await signInAtProvider(s2.authorizationUrl, invited.login));
    expect(ok.body.status).toBe('completed');
    const [membership] = await h
      .dataSource()
      .query(
        'SELECT m.role FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1',
        [invited.email],
      );
    expect(membership.role).toBe('assessor');
  });

  it('refuses an ID token signed by a key the provider never published', async () => {
    const { domain } = await council();
    const { login, email } = person(domain);
    const started = await start({ email });
    idp.tampering = 'foreign_key';
    const res = await callback(await signInAtProvider(started.authorizationUrl, login));
    expect([res.status, res.body.code]).toEqual([401, 'sso.id_token_invalid']);
    expect(await audit('sso_sign_in.refused')).toContainEqual(
      expect.objectContaining({ reason: 'sso.id_token_invalid' }),
    );
  });

  it('refuses a properly signed but expired ID token', async () => {
    const { domain } = await council();
    const { login, email } = person(domain);
    const started = await start({ email });
    idp.tampering = 'expired';
    const res = await callback(await signInAtProvider(started.authorizationUrl, login));
    expect([res.status, res.body.code]).toEqual([401, 'sso.id_token_invalid']);
  });

  it('refuses an answer whose state is not the sign-in’s', async () => {
    const { domain } = await council();
    const { login, email } = person(domain);
    const started = await start({ email });
    const back = await signInAtProvider(started.authorizationUrl, login);
    back.searchParams.set('state', 'not-the-state-we-sent');
    const res = await callback(back);
    expect([res.status, res.body.code]).toEqual([401, 'sso.flow_expired']);
  });

  it('refuses when the provider refuses: a cancelled sign-in, and an account it disabled', async () => {
    const { domain } = await council();
    const { login, email } = person(domain);
    const started = await start({ email });
    const cancelled = await callback(
      await signInAtProvider(started.authorizationUrl, login, { abort: true }),
    );
    expect([cancelled.status, cancelled.body.code]).toEqual([401, 'sso.provider_refused']);

    // Signed in once; then the organisation disables the account at its provider.
    const s2 = await start({ email });
    expect((await callback(await signInAtProvider(s2.authorizationUrl, login))).body.status).toBe(
      'completed',
    );
    // The organisation disables the account at its provider: the provider redeems no more codes.
    const s3 = await start({ email });
    const issued = await signInAtProvider(s3.authorizationUrl, login);
    idp.accounts.get(login)!.disabled = true;
    const res = await callback(issued);
    expect([res.status, res.body.code]).toEqual([401, 'sso.provider_refused']);
    expect(await audit('sso_sign_in.refused')).toContainEqual(
      expect.objectContaining({ reason: 'sso.provider_refused' }),
    );
  });

  it('links an existing account only when its owner confirms with the password', async () => {
    const { organisation, domain, provider } = await council();
    const existing = await h.make.user('sponsor', {
      organisationId: organisation.id,
      email: `owner-${++seq}@${domain}`,
    });
    const login = `owner-login-${seq}`;
    idp.accounts.set(login, { email: existing.email, name: existing.name });
    const started = await start({ email: existing.email });
    const back = await callback(await signInAtProvider(started.authorizationUrl, login));
    expect(back.body).toEqual({ status: 'link_required', email: existing.email });
    // Nothing linked by the e-mail alone.
    const links = () =>
      h
        .dataSource()
        .query('SELECT user_id, via FROM identity_links WHERE provider_id = $1 AND subject = $2', [
          provider.id,
          login,
        ]);
    expect(await links()).toEqual([]);
    const wrong = await h
      .http()
      .post('/api/v1/auth/sso/link')
      .send({ flowSecret: started.flowSecret, password: 'not the password at all' });
    expect([wrong.status, wrong.body.code]).toEqual([401, 'sso.link_password_incorrect']);
    expect(await links()).toEqual([]);

    const linked = await h
      .http()
      .post('/api/v1/auth/sso/link')
      .send({ flowSecret: started.flowSecret, password: existing.password })
      .expect(200);
    expect(await links()).toEqual([{ user_id: existing.id, via: 'confirmed_link' }]);
    expect(await audit('identity_link.created')).toContainEqual(
      expect.objectContaining({ actor_id: existing.id }),
    );
    const pair = await h
      .http()
      .post('/api/v1/auth/sso/exchange')
      .send({ flowSecret: started.flowSecret, exchangeCode: linked.body.exchangeCode })
      .expect(200);
    const me = await h
      .http()
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${pair.body.accessToken}`)
      .expect(200);
    expect(me.body.id).toBe(existing.id);
  });

  it('refuses password sign-in where SSO is required, until a programme manager grants an exception', async () => {
    const { organisation } = await council({ requireSso: true });
    const member = await h.make.sponsor(organisation.id);
    const login = () =>
      h.http().post('/api/v1/auth/login').send({ email: member.email, password: member.password });
    const refused = await login();
    expect([refused.status, refused.body.code]).toEqual([403, 'auth.sso_required']);
    expect(refused.body.organisationIds).toEqual([organisation.id]);
    expect(await audit('password_sign_in.refused')).toContainEqual(
      expect.objectContaining({ entity_id: member.id }),
    );
    // A wrong password still gets the one answer for wrong credentials.
    const wrong = await h
      .http()
      .post('/api/v1/auth/login')
      .send({ email: member.email, password: 'wrong wrong wrong' });
    expect(wrong.status).toBe(401);

    const other = await h.make.sponsor(organisation.id);
    const byMember = await h
      .http()
      .post(`/api/v1/organisations/${organisation.id}/password-sign-in-overrides`)
      .set('Authorization', other.bearer)
      .send({ userId: member.id, reason: 'provider outage', hours: 4 });
    expect(byMember.status).toBe(403);
    const granted = await h
      .http()
      .post(`/api/v1/organisations/${organisation.id}/password-sign-in-overrides`)
      .set('Authorization', pm.bearer)
      .send({ userId: member.id, reason: 'provider outage', hours: 4 })
      .expect(201);
    expect(await audit('password_sign_in_override.granted')).toContainEqual(
      expect.objectContaining({ entity_id: granted.body.id, reason: 'provider outage' }),
    );
    await login().expect(200);
    // The exception ends on its own.
    h.clock.advance(5 * 3_600_000);
    const after = await login();
    expect([after.status, after.body.code]).toEqual([403, 'auth.sso_required']);
  });

  it('stores the client secret sealed and never shows it', async () => {
    const { organisation, provider } = await council();
    const [row] = await h
      .dataSource()
      .query('SELECT client_secret_sealed FROM identity_providers WHERE id = $1', [provider.id]);
    expect(row.client_secret_sealed).toMatch(/^v1\./);
    expect(row.client_secret_sealed).not.toContain(idp.clientSecret);
    const read = await h
      .http()
      .get(`/api/v1/organisations/${organisation.id}/identity-providers/${provider.id}`)
      .set('Authorization', pm.bearer)
      .expect(200);
    expect(read.body.hasClientSecret).toBe(true);
    expect(JSON.stringify(read.body)).not.toContain(idp.clientSecret);
    const trail = await h
      .dataSource()
      .query(`SELECT data::text AS data FROM audit_events WHERE entity_id = $1`, [provider.id]);
    expect(trail.map((t: { data: string }) => t.data).join()).not.toContain(idp.clientSecret);
  });
});
