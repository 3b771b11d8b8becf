import { randomBytes, randomUUID } from 'node:crypto';
import { Harness, TestUser } from '@catalyst/testing';

type Who = 'admin' | 'pm' | 'otherPm' | 'sponsor' | 'assessor' | 'startup' | 'anonymous';
const WHO: Who[] = ['admin', 'pm', 'otherPm', 'sponsor', 'assessor', 'startup', 'anonymous'];
type Org =
  'operator' | 'otherOperator' | 'adminOperator' | 'council' | 'otherCouncil' | 'acme' | 'rival';
const ADMIN_EMAIL = 'instance-admin@example.test';

/**
 * Role × action: who may see and do what with identity resources and programmes.
 * - admin: an instance administrator (INSTANCE_ADMIN_EMAILS), a programme manager of
 *   `adminOperator`, which runs no programme: what they may do beyond that is the instance
 *   administrator's;
 * - pm: a programme manager of `operator`, which runs `programme` (own programme);
 * - otherPm: a programme manager of `otherOperator`, which runs another programme: `operator`
 *   and `programme` are 404 to them, the shared sponsors and startups are not.
 * The sponsor and assessor belong to `council`; the startup member to `acme`. `otherCouncil`
 * and `rival` are someone else's. 404 = may not see it, 403 = may see it but not do this.
 */
const MATRIX: [action: string, request: Request, expected: Record<Who, number>][] = [
  ['read /me', { method: 'get', path: () => '/me' }, row(200, 200, 200, 200, 200, 200, 401)],
  [
    'create an organisation',
    {
      method: 'post',
      path: () => '/organisations',
      body: () => ({ name: `New body ${randomUUID()}`, kind: 'sponsor' }),
    },
    row(201, 201, 201, 403, 403, 403, 401),
  ],
  [
    'create an operator organisation',
    {
      method: 'post',
      path: () => '/organisations',
      body: () => ({ name: `New operator ${randomUUID()}`, kind: 'operator' }),
    },
    row(201, 403, 403, 403, 403, 403, 401),
  ],
  ['read own startup', get('acme'), row(200, 200, 200, 404, 404, 200, 401)],
  ['read another startup', get('rival'), row(200, 200, 200, 404, 404, 404, 401)],
  ['read a sponsor organisation', get('council'), row(200, 200, 200, 200, 200, 200, 401)],
  [
    'read another sponsor organisation',
    get('otherCouncil'),
    row(200, 200, 200, 200, 200, 200, 401),
  ],
  ['read the operator', get('operator'), row(200, 200, 404, 404, 404, 404, 401)],
  [
    'read another programme’s operator',
    get('otherOperator'),
    row(200, 404, 200, 404, 404, 404, 401),
  ],
  ['edit the operator', edit('operator'), row(200, 200, 404, 404, 404, 404, 401)],
  [
    'list members of the operator',
    get('operator', '/members'),
    row(200, 200, 404, 404, 404, 404, 401),
  ],
  [
    'read an organisation that does not exist',
    { method: 'get', path: () => `/organisations/${randomUUID()}` },
    row(404, 404, 404, 404, 404, 404, 401),
  ],
  [
    'list members of own sponsor',
    get('council', '/members'),
    row(200, 200, 200, 200, 200, 403, 401),
  ],
  [
    'list members of another sponsor',
    get('otherCouncil', '/members'),
    row(200, 200, 200, 403, 403, 403, 401),
  ],
  ['list members of own startup', get('acme', '/members'), row(200, 200, 200, 404, 404, 200, 401)],
  [
    'list members of another startup',
    get('rival', '/members'),
    row(200, 200, 200, 404, 404, 404, 401),
  ],
  [
    'invite into own sponsor',
    invite('council', 'assessor'),
    row(201, 201, 201, 201, 403, 403, 401),
  ],
  [
    'invite into another sponsor',
    invite('otherCouncil', 'assessor'),
    row(201, 201, 201, 403, 403, 403, 401),
  ],
  [
    'invite into own startup',
    invite('acme', 'startup_member'),
    row(201, 201, 201, 404, 403, 201, 401),
  ],
  [
    'invite into another startup',
    invite('rival', 'startup_member'),
    row(201, 201, 201, 404, 403, 403, 401),
  ],
  [
    'invite into the operator',
    invite('operator', 'assessor'),
    row(201, 201, 404, 404, 403, 403, 401),
  ],
  [
    'invite a programme manager into the operator',
    invite('operator', 'programme_manager'),
    row(201, 201, 404, 404, 403, 403, 401),
  ],
  [
    'list invitations of the operator',
    get('operator', '/invitations'),
    row(200, 200, 404, 404, 403, 403, 401),
  ],
  [
    'list invitations of own sponsor',
    get('council', '/invitations'),
    row(200, 200, 200, 200, 403, 403, 401),
  ],
  [
    'list invitations of own startup',
    get('acme', '/invitations'),
    row(200, 200, 200, 404, 403, 200, 401),
  ],
  [
    'list invitations of another startup',
    get('rival', '/invitations'),
    row(200, 200, 200, 404, 403, 403, 401),
  ],
  [
    'revoke an invitation into own sponsor',
    revoke('council', 'assessor'),
    row(200, 200, 200, 200, 403, 404, 401),
  ],
  [
    'revoke an invitation into another sponsor',
    revoke('otherCouncil', 'assessor'),
    row(200, 200, 200, 404, 403, 404, 401),
  ],
  [
    'revoke an invitation into own startup',
    revoke('acme', 'startup_member'),
    row(200, 200, 200, 404, 403, 200, 401),
  ],
  [
    'revoke an invitation into another startup',
    revoke('rival', 'startup_member'),
    row(200, 200, 200, 404, 403, 404, 401),
  ],
  [
    'revoke an invitation into the operator',
    revoke('operator', 'programme_manager'),
    row(200, 200, 404, 404, 403, 404, 401),
  ],
  [
    'issue a password reset for a programme manager of the operator',
    {
      method: 'post',
      path: async (_orgs, setup) => `/users/${(await setup.colleague()).id}/password-resets`,
    },
    row(201, 201, 404, 403, 403, 403, 401),
  ],
  [
    'read the audit trail',
    { method: 'get', path: () => '/audit' },
    row(200, 200, 200, 403, 403, 403, 401),
  ],
  [
    'list programmes',
    { method: 'get', path: () => '/programmes' },
    row(200, 200, 200, 403, 403, 403, 401),
  ],
  [
    'read the programme',
    { method: 'get', path: (_orgs, setup) => `/programmes/${setup.programme}` },
    row(200, 200, 404, 404, 404, 404, 401),
  ],
  [
    'read a programme that does not exist',
    { method: 'get', path: () => `/programmes/${randomUUID()}` },
    row(404, 404, 404, 404, 404, 404, 401),
  ],
  [
    'edit the programme',
    {
      method: 'patch',
      path: (_orgs, setup) => `/programmes/${setup.programme}`,
      body: () => ({ shortDescription: `Challenges from the public sector ${randomUUID()}` }),
    },
    row(200, 200, 404, 404, 404, 404, 401),
  ],
  [
    'create a programme for a new operator',
    {
      method: 'post',
      path: () => '/programmes',
      body: async (_orgs, setup) => programmeBody(await setup.newOperator()),
    },
    row(201, 403, 403, 403, 403, 403, 401),
  ],
  [
    'create a second programme for the operator',
    {
      method: 'post',
      path: () => '/programmes',
      body: (orgs) => programmeBody(orgs.operator),
    },
    row(201, 403, 403, 403, 403, 403, 401),
  ],
];

interface Request {
  method: 'get' | 'post' | 'patch';
  path: (orgs: Record<Org, string>, setup: Setup) => string | Promise<string>;
  body?: (orgs: Record<Org, string>, setup: Setup) => object | Promise<object>;
}
interface Setup {
  pm: TestUser;
  /** The programme `operator` runs (the own-programme manager's). */
  programme: string;
  invitationInto(organisationId: string, role: string): Promise<string>;
  /** A new operator organisation, running no programme yet. */
  newOperator(): Promise<string>;
  /** A new programme manager of `operator`. */
  colleague(): Promise<TestUser>;
}

/** One expected status per caller, in the order of WHO. */
function row(
  admin: number,
  pm: number,
  otherPm: number,
  sponsor: number,
  assessor: number,
  startup: number,
  anonymous: number,
) {
  return { admin, pm, otherPm, sponsor, assessor, startup, anonymous };
}
function programmeBody(operatorOrganisationId: string) {
  const slug = `programme-${randomBytes(4).toString('hex')}`;
  return { operatorOrganisationId, name: `Programme ${slug}`, slug };
}
function edit(org: Org): Request {
  return {
    method: 'patch',
    path: (orgs) => `/organisations/${orgs[org]}`,
    body: () => ({ website: `https://${randomBytes(4).toString('hex')}.example.org` }),
  };
}
function get(org: Org, suffix = ''): Request {
  return { method: 'get', path: (orgs) => `/organisations/${orgs[org]}${suffix}` };
}
function invite(org: Org, role: string): Request {
  return {
    method: 'post',
    path: (orgs) => `/organisations/${orgs[org]}/invitations`,
    body: () => ({ email: `${randomUUID()}@example.org`, role }),
  };
}
function revoke(org: Org, role: string): Request {
  return {
    method: 'post',
    path: async (orgs, setup) =>
      `/invitations/${await setup.invitationInto(orgs[org], role)}/transitions`,
    body: () => ({ to: 'revoked' }),
  };
}

describe('identity access: role × action', () => {
  const h = new Harness({ env: { INSTANCE_ADMIN_EMAILS: ADMIN_EMAIL } });
  const orgs = {} as Record<Org, string>;
  const users = {} as Record<Exclude<Who, 'anonymous'>, TestUser>;
  let setup: Setup;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    for (const [name, kind] of [
      ['operator', 'operator'],
      ['otherOperator', 'operator'],
      ['adminOperator', 'operator'],
      ['council', 'sponsor'],
      ['otherCouncil', 'sponsor'],
      ['acme', 'startup'],
      ['rival', 'startup'],
    ] as const) {
      orgs[name] = (await h.make.organisation(kind)).id;
    }
    const programme = await h.make.programme({ operatorOrganisationId: orgs.operator });
    await h.make.programme({ operatorOrganisationId: orgs.otherOperator });
    users.admin = await h.make.user('programme_manager', {
      email: ADMIN_EMAIL,
      organisationId: orgs.adminOperator,
    });
    users.pm = await h.make.programmeManager(orgs.operator);
    users.otherPm = await h.make.programmeManager(orgs.otherOperator);
    users.sponsor = await h.make.sponsor(orgs.council);
    users.assessor = await h.make.assessor(orgs.council);
    users.startup = await h.make.startupMember(orgs.acme);
    await h.make.startupMember(orgs.rival);
    await h.make.sponsor(orgs.otherCouncil);
    setup = {
      pm: users.pm,
      programme: programme.id,
      newOperator: async () => (await h.make.organisation('operator')).id,
      colleague: () => h.make.programmeManager(orgs.operator),
      invitationInto: async (organisationId, role) => {
        const res = await h
          .http()
          .post(`/api/v1/organisations/${organisationId}/invitations`)
          .set('authorization', users.pm.bearer)
          .send({ email: `${randomUUID()}@example.org`, role })
          .expect(201);
        return res.body.id as string;
      },
    };
  });
  afterAll(() => h.teardown());

  const cases = MATRIX.flatMap(([action, request, expected]) =>
    WHO.map((who) => [action, who, expected[who], request] as const),
  );

  it.each(cases)('%s as %s → %i', async (_action, who, status, request) => {
    const path = await request.path(orgs, setup);
    let call = h.http()[request.method](`/api/v1${path}`);
    if (who !== 'anonymous') call = call.set('authorization', users[who].bearer);
    const res = await call.send((await request.body?.(orgs, setup)) ?? {});
    expect({ status: res.status, detail: res.body?.detail as unknown }).toEqual({
      status,
      detail: status >= 400 ? expect.any(String) : undefined,
    });
    if (status >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('lists to each caller the programmes they manage, and every programme to the administrator', async () => {
    const listed = async (who: Exclude<Who, 'anonymous'>) => {
      const res = await h
        .http()
        .get('/api/v1/programmes?limit=200')
        .set('authorization', users[who].bearer)
        .expect(200);
      return (res.body.items as { id: string }[]).map((p) => p.id).sort();
    };
    const runBy = async (operator?: string) =>
      (
        await h.ownerQuery<{ id: string }>(
          'SELECT id FROM programmes WHERE $1::uuid IS NULL OR operator_organisation_id = $1',
          [operator ?? null],
        )
      )
        .map((p) => p.id)
        .sort();
    expect(await listed('pm')).toEqual(await runBy(orgs.operator));
    expect(await listed('otherPm')).toEqual(await runBy(orgs.otherOperator));
    expect(await listed('admin')).toEqual(await runBy());
    expect(await listed('pm')).toContain(setup.programme);
    expect(await listed('otherPm')).not.toContain(setup.programme);
  });

  it('keeps another operator out of an organisation list', async () => {
    const listed = async (who: Exclude<Who, 'anonymous'>) => {
      const res = await h
        .http()
        .get('/api/v1/organisations?kind=operator&limit=200')
        .set('authorization', users[who].bearer)
        .expect(200);
      return (res.body.items as { id: string }[]).map((o) => o.id);
    };
    expect(await listed('pm')).toEqual([orgs.operator]);
    expect(await listed('otherPm')).toEqual([orgs.otherOperator]);
    expect(await listed('admin')).toEqual(
      expect.arrayContaining([orgs.operator, orgs.otherOperator, orgs.adminOperator]),
    );
    expect(await listed('sponsor')).toEqual([]);
  });
});
