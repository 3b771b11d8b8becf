import { AuditService } from '@catalyst/audit';
import { Harness, TestUser } from '@catalyst/testing';

describe('the audit trail', () => {
  const h = new Harness();
  let pm: TestUser;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    pm = await h.make.programmeManager();
  });
  afterAll(() => h.teardown());

  const audit = (query = '') =>
    h.http().get(`/api/v1/audit${query}`).set('authorization', pm.bearer).expect(200);
  const record = (entityId: string, count: number) =>
    h.dataSource().transaction(async (manager) => {
      const service = h.api!.get(AuditService);
      for (let i = 0; i < count; i++) {
        await service.record(manager, {
          actor: { userId: pm.id, correlationId: `batch-${entityId}` },
          action: `thing.step${i}`,
          entityType: 'thing',
          entityId,
        });
      }
    });

  // Even the owner (the migrations' role) meets the trigger; the app's own role has no UPDATE,
  // DELETE or TRUNCATE at all (test/foundation/app-role.e2e-spec.ts).
  describe('in the database', () => {
    let id: string;
    beforeAll(async () => {
      await record('immutable', 1);
      [{ id }] = await h
        .dataSource()
        .query("SELECT id FROM audit_events WHERE entity_id = 'immutable'");
    });

    it('refuses UPDATE', async () => {
      await expect(
        h.ownerQuery("UPDATE audit_events SET action = 'forged' WHERE id = $1", [id]),
      ).rejects.toThrow(/append-only/);
    });

    it('refuses DELETE', async () => {
      await expect(h.ownerQuery('DELETE FROM audit_events WHERE id = $1', [id])).rejects.toThrow(
        /append-only/,
      );
    });

    it('refuses TRUNCATE', async () => {
      await expect(h.ownerQuery('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    });

    it('still holds the row unchanged', async () => {
      const rows = await h
        .dataSource()
        .query('SELECT action FROM audit_events WHERE id = $1', [id]);
      expect(rows).toEqual([{ action: 'thing.step0' }]);
    });

    it('keeps no event of a change that rolled back', async () => {
      await expect(
        h.dataSource().transaction(async (manager) => {
          await h.api!.get(AuditService).record(manager, {
            actor: null,
            action: 'thing.rolled-back',
            entityType: 'thing',
            entityId: 'rolled-back',
          });
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      const rows = await h
        .dataSource()
        .query("SELECT 1 FROM audit_events WHERE entity_id = 'rolled-back'");
      expect(rows).toHaveLength(0);
    });
  });

  it('answers with the contract’s fields, newest first, and the request’s correlation id', async () => {
    const created = await h
      .http()
      .post('/api/v1/organisations')
      .set('authorization', pm.bearer)
      .set('x-correlation-id', 'create-highland')
      .send({ name: 'Highland Council', kind: 'sponsor' })
      .expect(201);
    const res = await audit(`?entityType=organisation&entityId=${created.body.id}`);
    expect(res.body).toEqual({
      items: [
        {
          id: expect.any(String),
          actorId: pm.id,
          action: 'organisation.created',
          entityType: 'organisation',
          entityId: created.body.id,
          from: null,
          to: null,
          programmeId: null,
          reason: null,
          correlationId: 'create-highland',
          data: { name: 'Highland Council', kind: 'sponsor' },
          at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        },
      ],
      nextCursor: null,
    });
  });

  it('pages through events written in the same instant without losing or repeating any', async () => {
    // Seven events within one millisecond (two at the very same microsecond): a cursor rounded
    // to JavaScript's milliseconds would skip or repeat some of them.
    await h.dataSource().query(
      `INSERT INTO audit_events (action, entity_type, entity_id, at)
       SELECT 'thing.step' || i, 'thing', 'paged',
              '2027-01-15T09:00:00.000100Z'::timestamptz + (LEAST(i, 5) * interval '1 microsecond')
         FROM generate_series(0, 6) AS i`,
    );
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const res = await audit(`?entityId=paged&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.body.items.map((e: { action: string }) => e.action));
      cursor = res.body.nextCursor;
    }
    expect(seen).toHaveLength(7);
    expect(seen.slice(0, 2).sort()).toEqual(['thing.step5', 'thing.step6']);
    expect(seen.slice(2)).toEqual([4, 3, 2, 1, 0].map((i) => `thing.step${i}`));
  });

  it('filters by actor', async () => {
    const other = await h.make.programmeManager();
    await h
      .http()
      .post('/api/v1/organisations')
      .set('authorization', other.bearer)
      .send({ name: 'Orkney Council', kind: 'sponsor' })
      .expect(201);
    const res = await audit(`?actorId=${other.id}`);
    expect(res.body.items.map((e: { action: string }) => e.action)).toEqual([
      'organisation.created',
    ]);
  });

  it('refuses a cursor it did not issue and a malformed actor id', async () => {
    await h.http().get('/api/v1/audit?cursor=garbage').set('authorization', pm.bearer).expect(400);
    const forged = Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url');
    await h
      .http()
      .get(`/api/v1/audit?cursor=${forged}`)
      .set('authorization', pm.bearer)
      .expect(400);
    await h.http().get('/api/v1/audit?actorId=me').set('authorization', pm.bearer).expect(400);
  });

  it('answers 400, never 500, to a cursor or filter PostgreSQL cannot read', async () => {
    const uuid = '00000000-0000-4000-8000-000000000000';
    // '2020' and a bare date pass a loose ISO 8601 check; the database refuses them as times.
    for (const at of ['2020', '2020-13-45T00:00:00Z', '+275760-09-13T00:00:00.000Z']) {
      const cursor = Buffer.from(JSON.stringify([at, uuid])).toString('base64url');
      const res = await h
        .http()
        .get(`/api/v1/audit?cursor=${cursor}`)
        .set('authorization', pm.bearer)
        .expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    // PostgreSQL text cannot hold U+0000.
    const nul = await h
      .http()
      .get('/api/v1/audit?entityId=%00')
      .set('authorization', pm.bearer)
      .expect(400);
    expect(nul.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
