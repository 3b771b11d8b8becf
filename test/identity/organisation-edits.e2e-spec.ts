import { Harness, TestUser } from '@catalyst/testing';

describe('editing organisations and their names', () => {
  const h = new Harness();
  let pm: TestUser;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    pm = await h.make.programmeManager();
  });
  afterAll(() => h.teardown());

  const create = (body: object) =>
    h.http().post('/api/v1/organisations').set('authorization', pm.bearer).send(body);
  const patch = (id: string, by: TestUser, body: object, version?: number) => {
    const req = h.http().patch(`/api/v1/organisations/${id}`).set('authorization', by.bearer);
    if (version !== undefined) req.set('if-match', String(version));
    return req.send(body);
  };

  it('refuses a duplicate name of the same kind, ignoring case and spaces, on create', async () => {
    await create({ name: 'Fife Council', kind: 'sponsor' }).expect(201);
    const dup = await create({ name: '  fife   COUNCIL ', kind: 'sponsor' }).expect(409);
    expect(dup.body.code).toBe('organisation.name_taken');
    // Another kind may carry the same name.
    await create({ name: 'Fife Council', kind: 'startup' }).expect(201);
  });

  it('lets its admins and programme managers edit it, with If-Match, audited', async () => {
    const council = await h.make.organisation('sponsor', { name: 'Angus Council' });
    const sponsor = await h.make.sponsor(council.id);
    const assessor = await h.make.assessor(council.id);
    const outsider = await h.make.startupMember();

    const edited = await patch(
      council.id,
      sponsor,
      { name: 'Angus Council (Forfar)', website: 'https://angus.example' },
      council.version,
    ).expect(200);
    expect(edited.body).toMatchObject({
      name: 'Angus Council (Forfar)',
      website: 'https://angus.example',
      version: council.version + 1,
    });
    const stale = await patch(council.id, pm, { name: 'Angus' }, council.version).expect(409);
    expect(stale.body.code).toBe('organisation.stale_version');
    await patch(council.id, assessor, { name: 'Angus' }).expect(403);
    await patch((await h.make.organisation('startup')).id, outsider, { name: 'Mine' }).expect(404);
    await patch(council.id, pm, { website: null }, edited.body.version).expect(200);
    await patch(council.id, pm, { kind: 'startup' }).expect(400);
    await patch(council.id, pm, { sme: true }).expect(400);

    const events = await h
      .dataSource()
      .query(
        `SELECT actor_id, data FROM audit_events WHERE action = 'organisation.updated' AND entity_id = $1 ORDER BY at`,
        [council.id],
      );
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      actor_id: sponsor.id,
      data: { changes: { name: { from: 'Angus Council', to: 'Angus Council (Forfar)' } } },
    });
  });

  it('refuses a rename onto another organisation’s name, but not onto its own', async () => {
    await create({ name: 'Moray Council', kind: 'sponsor' }).expect(201);
    const other = (await create({ name: 'Perth Council', kind: 'sponsor' }).expect(201)).body;
    const taken = await patch(other.id, pm, { name: 'MORAY council' }).expect(409);
    expect(taken.body.code).toBe('organisation.name_taken');
    await patch(other.id, pm, { name: 'perth council' }).expect(200);
  });
});
