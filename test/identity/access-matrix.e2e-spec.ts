import { randomUUID } from 'node:crypto';
import { Harness, TestUser } from '@catalyst/testing';

type Who = 'pm' | 'sponsor' | 'assessor' | 'startup' | 'anonymous';
const WHO: Who[] = ['pm', 'sponsor', 'assessor', 'startup', 'anonymous'];
type Org = 'operator' | 'council' | 'otherCouncil' | 'acme' | 'rival';

/**
 * Role × action: who may see and do what with identity resources. The sponsor and assessor
 * belong to `council`; the startup member to `acme`. `otherCouncil` and `rival` are someone
 * else's. 404 = may not see it, 403 = may see it but not do this.
 */
const MATRIX: [action: string, request: Request, expected: Record<Who, number>][] = [
  ['read /me', { method: 'get', path: () => '/me' }, row(200, 200, 200, 200, 401)],
  [
    'create an organisation',
    {
      method: 'post',
      path: () => '/organisations',
      body: () => ({ name: 'New body', kind: 'sponsor' }),
    },
    row(201, 403, 403, 403, 401),
  ],
  ['read own startup', get('acme'), row(200, 404, 404, 200, 401)],
  ['read another startup', get('rival'), row(200, 404, 404, 404, 401)],
  ['read a sponsor organisation', get('council'), row(200, 200, 200, 200, 401)],
  ['read another sponsor organisation', get('otherCouncil'), row(200, 200, 200, 200, 401)],
  ['read the operator', get('operator'), row(200, 404, 404, 404, 401)],
  [
    'read an organisation that does not exist',
    { method: 'get', path: () => `/organisations/${randomUUID()}` },
    row(404, 404, 404, 404, 401),
  ],
  ['list members of own sponsor', get('council', '/members'), row(200, 200, 200, 403, 401)],
  [
    'list members of another sponsor',
    get('otherCouncil', '/members'),
    row(200, 403, 403, 403, 401),
  ],
  ['list members of own startup', get('acme', '/members'), row(200, 404, 404, 200, 401)],
  ['list members of another startup', get('rival', '/members'), row(200, 404, 404, 404, 401)],
  ['invite into own sponsor', invite('council', 'assessor'), row(201, 201, 403, 403, 401)],
  ['invite into another sponsor', invite('otherCouncil', 'assessor'), row(201, 403, 403, 403, 401)],
  ['invite into own startup', invite('acme', 'startup_member'), row(201, 404, 403, 403, 401)],
  ['invite into another startup', invite('rival', 'startup_member'), row(201, 404, 403, 403, 401)],
  ['invite into the operator', invite('operator', 'assessor'), row(201, 404, 403, 403, 401)],
  ['list invitations of own sponsor', get('council', '/invitations'), row(200, 200, 403, 403, 401)],
  [
    'list invitations of another startup',
    get('rival', '/invitations'),
    row(200, 404, 403, 403, 401),
  ],
  [
    'revoke an invitation into own sponsor',
    revoke('council', 'assessor'),
    row(200, 200, 403, 403, 401),
  ],
  [
    'revoke an invitation into another sponsor',
    revoke('otherCouncil', 'assessor'),
    row(200, 404, 403, 403, 401),
  ],
  [
    'revoke an invitation into a startup',
    revoke('acme', 'startup_member'),
    row(200, 404, 403, 403, 401),
  ],
  ['read the audit trail', { method: 'get', path: () => '/audit' }, row(200, 403, 403, 403, 401)],
];

interface Request {
  method: 'get' | 'post';
  path: (orgs: Record<Org, string>, setup: Setup) => string | Promise<string>;
  body?: () => object;
}
interface Setup {
  pm: TestUser;
  invitationInto(organisationId: string, role: string): Promise<string>;
}

function row(pm: number, sponsor: number, assessor: number, startup: number, anonymous: number) {
  return { pm, sponsor, assessor, startup, anonymous };
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
  const h = new Harness();
  const orgs = {} as Record<Org, string>;
  const users = {} as Record<Exclude<Who, 'anonymous'>, TestUser>;
  let setup: Setup;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    for (const [name, kind] of [
      ['operator', 'operator'],
      ['council', 'sponsor'],
      ['otherCouncil', 'sponsor'],
      ['acme', 'startup'],
      ['rival', 'startup'],
    ] as const) {
      orgs[name] = (await h.make.organisation(kind)).id;
    }
    users.pm = await h.make.programmeManager(orgs.operator);
    users.sponsor = await h.make.sponsor(orgs.council);
    users.assessor = await h.make.assessor(orgs.council);
    users.startup = await h.make.startupMember(orgs.acme);
    await h.make.startupMember(orgs.rival);
    await h.make.sponsor(orgs.otherCouncil);
    setup = {
      pm: users.pm,
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
    const res = await call.send(request.body?.() ?? {});
    expect({ status: res.status, detail: res.body?.detail as unknown }).toEqual({
      status,
      detail: status >= 400 ? expect.any(String) : undefined,
    });
    if (status >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
