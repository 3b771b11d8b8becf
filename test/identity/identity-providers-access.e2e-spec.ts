import { randomUUID } from 'node:crypto';
import { Harness, TestUser } from '@catalyst/testing';

type Who = 'pm' | 'otherPm' | 'orgAdmin' | 'orgAssessor' | 'otherSponsor' | 'startup' | 'anonymous';
const WHO: Who[] = [
  'pm',
  'otherPm',
  'orgAdmin',
  'orgAssessor',
  'otherSponsor',
  'startup',
  'anonymous',
];
type Org = 'council' | 'operator';

/**
 * Role × action for an organisation's identity providers. `council` is a sponsor (shared by
 * every programme, so every programme manager looks after it); `operator` runs the pm's
 * programme (another programme's manager does not know it). orgAdmin is a sponsor of the
 * council (its administrator: may see, not configure); orgAssessor a council member who is not
 * an administrator; otherSponsor someone else's public body. 404 = may not see, 403 = may see
 * but not do.
 */
const MATRIX: [string, (o: Ctx) => Call, Record<Who, number>][] = [
  [
    'list the council’s providers',
    (o) => get(o, 'council'),
    row(200, 200, 200, 404, 404, 404, 401),
  ],
  [
    'read a council provider',
    (o) => get(o, 'council', o.providers.council),
    row(200, 200, 200, 404, 404, 404, 401),
  ],
  ['add a council provider', (o) => create(o, 'council'), row(201, 201, 403, 404, 404, 404, 401)],
  ['edit a council provider', (o) => edit(o, 'council'), row(200, 200, 403, 404, 404, 404, 401)],
  [
    'list the operator’s providers',
    (o) => get(o, 'operator'),
    row(200, 404, 404, 404, 404, 404, 401),
  ],
  [
    'add an operator provider',
    (o) => create(o, 'operator'),
    row(201, 404, 404, 404, 404, 404, 401),
  ],
  ['edit an operator provider', (o) => edit(o, 'operator'), row(200, 404, 404, 404, 404, 404, 401)],
  [
    'grant a password exception in the council',
    (o) => ({
      method: 'post',
      path: `/api/v1/organisations/${o.orgs.council}/password-sign-in-overrides`,
      body: { userId: o.users.orgAdmin.id, reason: 'outage', hours: 1 },
    }),
    row(201, 201, 403, 404, 404, 404, 401),
  ],
];

interface Ctx {
  orgs: Record<Org, string>;
  providers: Record<Org, string>;
  users: Record<Exclude<Who, 'anonymous'>, TestUser>;
}
interface Call {
  method: 'get' | 'post' | 'patch';
  path: string;
  body?: object;
}

function row(...codes: number[]): Record<Who, number> {
  return Object.fromEntries(WHO.map((w, i) => [w, codes[i]])) as Record<Who, number>;
}
function get(o: Ctx, org: Org, providerId?: string): Call {
  const base = `/api/v1/organisations/${o.orgs[org]}/identity-providers`;
  return { method: 'get', path: providerId ? `${base}/${providerId}` : base };
}
function create(o: Ctx, org: Org): Call {
  return {
    method: 'post',
    path: `/api/v1/organisations/${o.orgs[org]}/identity-providers`,
    body: provider(org === 'council' ? 'sponsor' : 'assessor'),
  };
}
function edit(o: Ctx, org: Org): Call {
  return {
    method: 'patch',
    path: `/api/v1/organisations/${o.orgs[org]}/identity-providers/${o.providers[org]}`,
    body: { displayName: `Renamed ${randomUUID().slice(0, 6)}` },
  };
}
function provider(role: string, extra: object = {}) {
  return {
    displayName: 'Council sign-in',
    issuerUrl: 'https://login.example.test/tenant/v2.0',
    clientId: `client-${randomUUID()}`,
    emailDomains: [`d${randomUUID().slice(0, 8)}.gov.test`],
    firstSignIn: 'join',
    defaultRole: role,
    ...extra,
  };
}

describe('identity providers: who may see and configure them', () => {
  // No SSO_ENCRYPTION_KEY here: providers without a secret work, a secret is refused.
  const h = new Harness();
  const o = {} as Ctx;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    const programme = await h.make.defaultProgramme();
    const other = await h.make.programme();
    const council = await h.make.organisation('sponsor');
    const otherCouncil = await h.make.organisation('sponsor');
    o.orgs = { council: council.id, operator: programme.operatorOrganisationId };
    o.users = {
      pm: await h.make.programmeManager(),
      otherPm: await h.make.programmeManager(other.operatorOrganisationId),
      orgAdmin: await h.make.sponsor(council.id),
      orgAssessor: await h.make.assessor(council.id),
      otherSponsor: await h.make.sponsor(otherCouncil.id),
      startup: await h.make.startupMember(),
    };
    const made = async (org: Org, role: string, extra: object = {}) =>
      (
        await h
          .http()
          .post(`/api/v1/organisations/${o.orgs[org]}/identity-providers`)
          .set('Authorization', o.users.pm.bearer)
          .send(provider(role, extra))
          .expect(201)
      ).body.id as string;
    o.providers = {
      council: await made('council', 'sponsor', { requireSso: true }),
      operator: await made('operator', 'assessor'),
    };
  });
  afterAll(() => h.teardown());

  for (const [action, call, expected] of MATRIX) {
    it(`${action}: ${WHO.map((w) => `${w} ${expected[w]}`).join(', ')}`, async () => {
      const actual = {} as Record<Who, number>;
      for (const who of WHO) {
        const c = call(o);
        let req = h.http()[c.method](c.path);
        if (who !== 'anonymous') req = req.set('Authorization', o.users[who].bearer);
        const res = await (c.body ? req.send(c.body) : req);
        actual[who] = res.status;
      }
      expect(actual).toEqual(expected);
    });
  }

  it('never shows the secret, and refuses to store one without SSO_ENCRYPTION_KEY', async () => {
    const res = await h
      .http()
      .post(`/api/v1/organisations/${o.orgs.council}/identity-providers`)
      .set('Authorization', o.users.pm.bearer)
      .send(provider('sponsor', { clientSecret: 'a secret' }));
    expect([res.status, res.body.code]).toEqual([422, 'identity_provider.secret_key_missing']);
    const read = await h
      .http()
      .get(`/api/v1/organisations/${o.orgs.council}/identity-providers`)
      .set('Authorization', o.users.orgAdmin.bearer)
      .expect(200);
    expect(read.body.items[0]).toMatchObject({ hasClientSecret: false, requireSso: true });
    expect(read.body.items[0]).not.toHaveProperty('clientSecret');
    expect(read.body.items[0]).not.toHaveProperty('clientSecretSealed');
  });

  it('validates: http issuers, a programme-manager default role, a taken domain, unknown fields, If-Match', async () => {
    const send = (body: object, org: Org = 'council') =>
      h
        .http()
        .post(`/api/v1/organisations/${o.orgs[org]}/identity-providers`)
        .set('Authorization', o.users.pm.bearer)
        .send(body);
    const http = await send(provider('sponsor', { issuerUrl: 'http://login.example.test' }));
    expect([http.status, http.body.code]).toEqual([400, 'identity_provider.insecure_issuer']);
    const pmRole = await send(provider('programme_manager'), 'operator');
    expect([pmRole.status, pmRole.body.code]).toEqual([422, 'identity_provider.role_unfit']);
    const first = await send(provider('sponsor')).expect(201);
    const taken = await send(provider('sponsor', { emailDomains: first.body.emailDomains }));
    expect([taken.status, taken.body.code]).toEqual([409, 'identity_provider.domain_taken']);
    const unknown = await send(provider('sponsor', { colour: 'blue' }));
    expect(unknown.status).toBe(400);
    const noDomain = await send(provider('sponsor', { emailDomains: [] }));
    expect(noDomain.status).toBe(400);
    const stale = await h
      .http()
      .patch(`/api/v1/organisations/${o.orgs.council}/identity-providers/${first.body.id}`)
      .set('Authorization', o.users.pm.bearer)
      .set('If-Match', String(first.body.version + 1))
      .send({ requireSso: true });
    expect([stale.status, stale.body.code]).toEqual([409, 'identity_provider.stale_version']);
    const removed = await h
      .http()
      .delete(`/api/v1/organisations/${o.orgs.council}/identity-providers/${first.body.id}`)
      .set('Authorization', o.users.pm.bearer)
      .set('If-Match', String(first.body.version));
    expect(removed.status).toBe(204);
    const trail = await h
      .dataSource()
      .query('SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY at', [first.body.id]);
    expect(trail.map((t: { action: string }) => t.action)).toEqual([
      'identity_provider.created',
      'identity_provider.deleted',
    ]);
  });
});
