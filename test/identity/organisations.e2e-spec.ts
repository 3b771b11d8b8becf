import { Harness, TestUser, countQueries } from '@catalyst/testing';

describe('organisations and members', () => {
  const h = new Harness();
  let pm: TestUser;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    pm = await h.make.programmeManager();
  });
  afterAll(() => h.teardown());

  const create = (body: object, by = pm) =>
    h.http().post('/api/v1/organisations').set('authorization', by.bearer).send(body);
  const list = (by: TestUser, query = '') =>
    h.http().get(`/api/v1/organisations${query}`).set('authorization', by.bearer).expect(200);
  const names = (res: { body: { items: { name: string }[] } }) => res.body.items.map((o) => o.name);

  it('creates an organisation with its details', async () => {
    const res = await create({
      name: '  Acme Robotics  ',
      kind: 'startup',
      sme: true,
      website: 'https://acme.example',
    }).expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'Acme Robotics',
      kind: 'startup',
      sme: true,
      website: 'https://acme.example',
      createdAt: expect.any(String),
      version: 1,
    });
  });

  it('refuses a bad kind, a bad website and an SME flag on a public body', async () => {
    const bad = await create({ name: 'X', kind: 'charity', website: 'javascript:alert(1)' }).expect(
      400,
    );
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'kind',
      'website',
    ]);
    const sme = await create({ name: 'Council', kind: 'sponsor', sme: true }).expect(400);
    expect(sme.body.errors).toEqual([expect.objectContaining({ field: 'sme' })]);
    await create({ name: '   ', kind: 'sponsor' }).expect(400);
  });

  it('lists everything for a programme manager, by name, a page at a time', async () => {
    for (const name of ['Zeta Ltd', 'Beta Ltd', 'Gamma Ltd'])
      await create({ name, kind: 'startup' }).expect(201);
    const first = await list(pm, '?kind=startup&limit=2');
    expect(names(first)).toEqual(['Acme Robotics', 'Beta Ltd']);
    const second = await list(pm, `?kind=startup&limit=2&cursor=${first.body.nextCursor}`);
    expect(names(second)).toEqual(['Gamma Ltd', 'Zeta Ltd']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('lists only their own organisations for everyone else', async () => {
    const founder = await h.make.startupMember();
    const council = await h.make.organisation('sponsor', { name: 'Aberdeen Council' });
    await h.make.addMembership(founder.id, council.id, 'assessor');
    const res = await list(founder);
    expect(res.body.items.map((o: { id: string }) => o.id).sort()).toEqual(
      [founder.organisationId, council.id].sort(),
    );
    const me = await h.http().get('/api/v1/me').set('authorization', founder.bearer).expect(200);
    expect(me.body.memberships.map((m: { role: string }) => m.role).sort()).toEqual([
      'assessor',
      'startup_member',
    ]);
  });

  it('lists members by name, one entry per role, in a fixed number of queries', async () => {
    const org = await h.make.organisation('sponsor');
    const people: TestUser[] = [];
    for (const name of ['Carol', 'Alice', 'Bob']) {
      people.push(await h.make.user('sponsor', { organisationId: org.id, name }));
    }
    await h.make.addMembership(people[1].id, org.id, 'assessor');
    const page = (cursor?: string) =>
      h
        .http()
        .get(`/api/v1/organisations/${org.id}/members?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
        .set('authorization', people[0].bearer)
        .expect(200);
    const { result: first, count } = await countQueries(h.dataSource(), () => page());
    expect(
      first.body.items.map((m: { name: string; role: string }) => `${m.name}:${m.role}`),
    ).toEqual(expect.arrayContaining(['Alice:sponsor', 'Alice:assessor']));
    expect(first.body.items.map((m: { name: string }) => m.name)).toEqual([
      'Alice',
      'Alice',
      'Bob',
    ]);
    expect(first.body.items[0]).toEqual({
      membershipId: expect.any(String),
      userId: people[1].id,
      name: 'Alice',
      email: people[1].email,
      role: expect.any(String),
      since: expect.any(String),
    });
    // caller, organisation, members page
    expect(count).toBe(3);
    const second = await page(first.body.nextCursor);
    expect(second.body).toEqual({
      items: [expect.objectContaining({ name: 'Carol', role: 'sponsor' })],
      nextCursor: null,
    });
  });

  it('documents every identity route in the OpenAPI document', async () => {
    const doc = await h.http().get('/api/v1/openapi.json').expect(200);
    const paths = doc.body.paths as Record<
      string,
      Record<
        string,
        {
          tags?: string[];
          summary?: string;
          security?: unknown[];
          responses: Record<string, unknown>;
        }
      >
    >;
    const expected: [string, string][] = [
      ['/api/v1/auth/register', 'post'],
      ['/api/v1/auth/login', 'post'],
      ['/api/v1/auth/refresh', 'post'],
      ['/api/v1/auth/logout', 'post'],
      ['/api/v1/me', 'get'],
      ['/api/v1/organisations', 'post'],
      ['/api/v1/organisations', 'get'],
      ['/api/v1/organisations/{id}', 'get'],
      ['/api/v1/organisations/{id}/members', 'get'],
      ['/api/v1/organisations/{id}/invitations', 'post'],
      ['/api/v1/organisations/{id}/invitations', 'get'],
      ['/api/v1/invitations/{token}/accept', 'post'],
      ['/api/v1/invitations/{id}/transitions', 'post'],
      ['/api/v1/audit', 'get'],
    ];
    for (const [path, method] of expected) {
      const operation = paths[path]?.[method];
      expect({ path, method, summary: operation?.summary, tags: operation?.tags?.length }).toEqual({
        path,
        method,
        summary: expect.any(String),
        tags: 1,
      });
      const success = Object.keys(operation.responses).find((code) => code.startsWith('2'));
      expect(success).toBeDefined();
    }
    expect(paths['/api/v1/me'].get.security).toEqual([{ bearer: [] }]);
    const schemas = doc.body.components.schemas as Record<string, { properties: object }>;
    expect(Object.keys(schemas.TokenPairDto.properties).sort()).toEqual([
      'accessToken',
      'expiresIn',
      'refreshToken',
      'tokenType',
    ]);
    expect(Object.keys(schemas.AuditEventDto.properties)).toEqual(
      expect.arrayContaining([
        'actorId',
        'action',
        'entityType',
        'entityId',
        'from',
        'to',
        'reason',
        'at',
      ]),
    );
  });

  it('answers 400, never 500, to odd input: NUL characters, forged cursors', async () => {
    const nul = await create({ name: 'Acme\u0000Robotics', kind: 'startup' }).expect(400);
    expect(nul.headers['content-type']).toMatch(/^application\/problem\+json/);
    const registered = await h.http().post('/api/v1/auth/register').send({
      email: 'nul@acme.example',
      password: 'a long enough passphrase',
      name: 'Ada\u0000Lovelace',
      organisationName: 'Nul Ltd',
    });
    expect(registered.status).toBe(400);

    const forged = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
    const invitations = `/api/v1/organisations/${pm.organisationId}/invitations`;
    for (const cursor of [forged(['a@b.example', 'not-a-uuid']), forged([1, 2])]) {
      const res = await h
        .http()
        .get(`${invitations}?cursor=${cursor}`)
        .set('authorization', pm.bearer)
        .expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    }
    await h
      .http()
      .get(`/api/v1/organisations?cursor=${forged(['Acme', 'x'])}`)
      .set('authorization', pm.bearer)
      .expect(400);
  });
});
