import {
  Harness,
  TestUser,
  createChallenge,
  createRound,
  roundBody,
  transitionRound,
} from '@catalyst/testing';

describe('rounds', () => {
  const h = new Harness();
  let pm: TestUser;
  let sponsor: TestUser;
  let startup: TestUser;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    pm = await h.make.programmeManager();
    sponsor = await h.make.sponsor();
    startup = await h.make.startupMember();
  });
  afterAll(() => h.teardown());

  const api = () => h.http();
  const auditOf = (entityId: string) =>
    h
      .dataSource()
      .query(
        `SELECT actor_id, action, from_state, to_state, reason, data FROM audit_events WHERE entity_id = $1 ORDER BY at, action`,
        [entityId],
      );

  describe('ending the open call', () => {
    it('needs a reason before the closing time, and then moves the closing time to now, audited', async () => {
      const round = await createRound(h, pm, { status: 'open' });
      const early = await api()
        .post(`/api/v1/rounds/${round.id}/transitions`)
        .set('authorization', pm.bearer)
        .send({ to: 'assessment' })
        .expect(422);
      expect(early.body.code).toBe('round.reason_required');

      const closed = await transitionRound(
        h,
        pm,
        round.id,
        'assessment',
        'Sponsor withdrew funding',
      );
      expect(closed.status).toBe('assessment');
      expect(closed.closesAt).toBe(h.clock.now().toISOString());
      const moved = (await auditOf(round.id)).filter(
        (e: { action: string }) => e.action === 'round.date_moved',
      );
      expect(moved).toEqual([
        expect.objectContaining({
          from_state: round.closesAt,
          to_state: h.clock.now().toISOString(),
          reason: 'Sponsor withdrew funding',
        }),
      ]);
    });

    it('needs no reason once the closing time has passed, and leaves it unchanged', async () => {
      const round = await createRound(h, pm, { status: 'open' });
      const start = h.clock.now();
      h.clock.set(round.closesAt);
      try {
        const closed = await transitionRound(h, pm, round.id, 'assessment');
        expect(closed.closesAt).toBe(round.closesAt);
      } finally {
        h.clock.set(start);
      }
    });
  });

  describe('creating', () => {
    it('creates a draft round in the default time zone and audits it', async () => {
      const body = roundBody(h, { name: 'CivTech 11', demoDayOn: '2027-08-30' });
      const res = await api()
        .post('/api/v1/rounds')
        .set('authorization', pm.bearer)
        .send(body)
        .expect(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        programmeId: (await h.make.defaultProgramme()).id,
        name: 'CivTech 11',
        timezone: 'Europe/London',
        status: 'draft',
        opensAt: body.opensAt,
        closesAt: body.closesAt,
        acceleratorStartsOn: body.acceleratorStartsOn,
        acceleratorEndsOn: body.acceleratorEndsOn,
        demoDayOn: '2027-08-30',
        blindReview: false,
        closedAt: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        version: 1,
        allowedTransitions: [
          { to: 'open', reasonRequired: false },
          { to: 'cancelled', reasonRequired: true },
        ],
      });
      const [event] = await auditOf(res.body.id);
      expect(event).toMatchObject({ actor_id: pm.id, action: 'round.created', to_state: 'draft' });
    });

    it('keeps a given time zone', async () => {
      const round = await createRound(h, pm, {
        timezone: 'America/Los_Angeles',
        blindReview: true,
      });
      expect(round).toMatchObject({ timezone: 'America/Los_Angeles', blindReview: true });
    });

    it('stores the canonical IANA name of a zone and refuses fixed offsets', async () => {
      const round = await createRound(h, pm, { timezone: 'europe/dublin' });
      expect(round.timezone).toBe('Europe/Dublin');
      // An offset is not a zone: no summer time, so "the round's local time" would be wrong
      // for half the year.
      for (const timezone of ['+01:00', '-0500']) {
        const res = await api()
          .post('/api/v1/rounds')
          .set('authorization', pm.bearer)
          .send(roundBody(h, { timezone }));
        expect([timezone, res.status, res.body.errors?.[0]?.field]).toEqual([
          timezone,
          400,
          'timezone',
        ]);
      }
      const edited = await api()
        .patch(`/api/v1/rounds/${round.id}`)
        .set('authorization', pm.bearer)
        .send({ timezone: 'america/new_york' })
        .expect(200);
      expect(edited.body.timezone).toBe('America/New_York');
    });

    it('refuses incoherent dates and unknown zones, naming each field', async () => {
      const res = await api()
        .post('/api/v1/rounds')
        .set('authorization', pm.bearer)
        .send(
          roundBody(h, {
            timezone: 'Europe/Atlantis',
            opensAt: '2027-03-01T00:00:00Z',
            closesAt: '2027-02-01T00:00:00Z',
            acceleratorStartsOn: '2027-06-01',
            acceleratorEndsOn: '2027-05-01',
          }),
        )
        .expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
        'timezone',
        'closesAt',
        'acceleratorEndsOn',
      ]);
    });

    it('refuses timestamps without an offset, impossible dates and unknown fields', async () => {
      const res = await api()
        .post('/api/v1/rounds')
        .set('authorization', pm.bearer)
        .send({
          ...roundBody(h),
          opensAt: '2027-02-01T09:00:00',
          acceleratorEndsOn: '2027-02-30',
          colour: 'red',
        })
        .expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
        ['acceleratorEndsOn', 'colour', 'opensAt'].sort(),
      );
    });

    it('refuses blank names and control characters (400 naming the field, never 500)', async () => {
      for (const name of ['   ', 'CivTech\u0000 11', 'CivTech\u0007']) {
        const res = await api()
          .post('/api/v1/rounds')
          .set('authorization', pm.bearer)
          .send(roundBody(h, { name }));
        expect([name, res.status, res.body.errors?.map((e: { field: string }) => e.field)]).toEqual(
          [name, 400, ['name']],
        );
      }
      const round = await createRound(h, pm);
      await api()
        .patch(`/api/v1/rounds/${round.id}`)
        .set('authorization', pm.bearer)
        .send({ name: ' ' })
        .expect(400);
      const res = await api()
        .post(`/api/v1/rounds/${round.id}/transitions`)
        .set('authorization', pm.bearer)
        .send({ to: 'cancelled', reason: 'Budget\u0000cut' })
        .expect(400);
      expect(res.body.errors).toEqual([{ field: 'reason', message: expect.any(String) }]);
    });

    it('lets only programme managers create rounds', async () => {
      await api()
        .post('/api/v1/rounds')
        .set('authorization', sponsor.bearer)
        .send(roundBody(h))
        .expect(403);
      await api().post('/api/v1/rounds').send(roundBody(h)).expect(401);
    });
  });

  describe('reading', () => {
    it('shows draft rounds to programme managers and sponsors only', async () => {
      const draft = await createRound(h, pm);
      const open = await createRound(h, pm, { status: 'open' });
      await api()
        .get(`/api/v1/rounds/${draft.id}`)
        .set('authorization', sponsor.bearer)
        .expect(200);
      await api()
        .get(`/api/v1/rounds/${draft.id}`)
        .set('authorization', startup.bearer)
        .expect(404);
      await api().get(`/api/v1/rounds/${open.id}`).set('authorization', startup.bearer).expect(200);

      const seenBy = async (user: TestUser) =>
        (
          await api().get('/api/v1/rounds?limit=200').set('authorization', user.bearer).expect(200)
        ).body.items.map((r: { id: string }) => r.id);
      expect(await seenBy(pm)).toEqual(expect.arrayContaining([draft.id, open.id]));
      expect(await seenBy(startup)).toContain(open.id);
      expect(await seenBy(startup)).not.toContain(draft.id);
    });

    it('filters by status and pages with a cursor, newest call first', async () => {
      const rounds = [];
      const start = h.clock.now();
      for (let i = 0; i < 3; i++) {
        // Each round opens on its date (opening early would move opensAt to now).
        h.clock.set(`2027-0${i + 2}-01T10:00:00Z`);
        rounds.push(
          await createRound(h, pm, {
            status: 'accelerator',
            opensAt: `2027-0${i + 2}-01T09:00:00Z`,
            closesAt: `2027-0${i + 2}-20T09:00:00Z`,
            acceleratorStartsOn: '2027-06-01',
          }),
        );
      }
      h.clock.set(start);
      const first = await api()
        .get('/api/v1/rounds?status=accelerator&limit=2')
        .set('authorization', pm.bearer)
        .expect(200);
      expect(first.body.items.map((r: { id: string }) => r.id)).toEqual([
        rounds[2].id,
        rounds[1].id,
      ]);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await api()
        .get(`/api/v1/rounds?status=accelerator&limit=2&cursor=${first.body.nextCursor}`)
        .set('authorization', pm.bearer)
        .expect(200);
      expect(second.body).toEqual({
        items: [expect.objectContaining({ id: rounds[0].id })],
        nextCursor: null,
      });
      await api().get('/api/v1/rounds?cursor=garbage').set('authorization', pm.bearer).expect(400);
    });

    it('answers 400, never 500, to a well-formed cursor whose value PostgreSQL cannot read', async () => {
      const id = crypto.randomUUID();
      // JavaScript's Date.parse accepts all of these; PostgreSQL's timestamptz does not.
      for (const value of ['1', '+275760-09-13T00:00:00.000Z', 'Tue, 01 Jan 2030', '2027-1-1']) {
        const cursor = Buffer.from(JSON.stringify([value, id])).toString('base64url');
        const res = await api()
          .get(`/api/v1/rounds?cursor=${cursor}`)
          .set('authorization', pm.bearer);
        expect([value, res.status, res.body.errors]).toEqual([
          value,
          400,
          [{ field: 'cursor', message: expect.any(String) }],
        ]);
      }
    });

    it('answers 404 for an unknown round and 400 for a malformed id', async () => {
      await api()
        .get(`/api/v1/rounds/${crypto.randomUUID()}`)
        .set('authorization', pm.bearer)
        .expect(404);
      await api().get('/api/v1/rounds/not-a-uuid').set('authorization', pm.bearer).expect(400);
    });
  });

  describe('lifecycle', () => {
    it('walks draft → open → assessment → exploration → accelerator → completed, auditing each move', async () => {
      const round = await createRound(h, pm);
      for (const to of ['open', 'assessment', 'exploration', 'accelerator', 'completed'] as const) {
        const res = await api()
          .post(`/api/v1/rounds/${round.id}/transitions`)
          .set('authorization', pm.bearer)
          .send(
            ['assessment', 'accelerator', 'completed'].includes(to)
              ? { to, reason: 'Ahead of the plan' }
              : { to },
          )
          .expect(200);
        expect(res.body.status).toBe(to);
      }
      const moves = (await auditOf(round.id))
        .filter((e: { action: string }) =>
          /^round\.(open|assessment|exploration|accelerator|completed)$/.test(e.action),
        )
        .map((e: { from_state: string; to_state: string }) => `${e.from_state}→${e.to_state}`);
      expect(moves).toEqual([
        'draft→open',
        'open→assessment',
        'assessment→exploration',
        'exploration→accelerator',
        'accelerator→completed',
      ]);
    });

    it('refuses a move the table does not allow with 409 and the allowed targets', async () => {
      const round = await createRound(h, pm);
      const res = await api()
        .post(`/api/v1/rounds/${round.id}/transitions`)
        .set('authorization', pm.bearer)
        .send({ to: 'accelerator' })
        .expect(409);
      expect(res.body).toMatchObject({
        status: 409,
        allowed: ['open', 'cancelled'],
        from: 'draft',
      });
    });

    it('refuses the wrong role with 403 and an unknown state with 400', async () => {
      const round = await createRound(h, pm);
      await api()
        .post(`/api/v1/rounds/${round.id}/transitions`)
        .set('authorization', sponsor.bearer)
        .send({ to: 'open' })
        .expect(403);
      await api()
        .post(`/api/v1/rounds/${round.id}/transitions`)
        .set('authorization', pm.bearer)
        .send({ to: 'paused' })
        .expect(400);
    });

    it('needs a reason to cancel, and withdraws the round’s live challenges with it', async () => {
      const round = await createRound(h, pm, { status: 'open' });
      const published = await createChallenge(h, sponsor, round.id, sponsor.organisationId, {
        status: 'published',
        pm,
      });
      await api()
        .post(`/api/v1/rounds/${round.id}/transitions`)
        .set('authorization', pm.bearer)
        .send({ to: 'cancelled' })
        .expect(400);
      await transitionRound(h, pm, round.id, 'cancelled', 'Funding withdrawn');
      const challenge = await api()
        .get(`/api/v1/challenges/${published.id}`)
        .set('authorization', pm.bearer)
        .expect(200);
      expect(challenge.body.status).toBe('withdrawn');
      const [event] = (await auditOf(published.id)).filter(
        (e: { to_state: string }) => e.to_state === 'withdrawn',
      );
      expect(event).toMatchObject({
        from_state: 'published',
        reason: 'Funding withdrawn',
        actor_id: pm.id,
      });
    });

    it('closes published challenges when the open call ends', async () => {
      const round = await createRound(h, pm, { status: 'open' });
      const published = await createChallenge(h, sponsor, round.id, sponsor.organisationId, {
        status: 'published',
        pm,
      });
      const approved = await createChallenge(h, sponsor, round.id, sponsor.organisationId, {
        status: 'approved',
        pm,
      });
      await transitionRound(h, pm, round.id, 'assessment', 'Closing the call early');
      const statusOf = async (id: string) =>
        (await api().get(`/api/v1/challenges/${id}`).set('authorization', pm.bearer).expect(200))
          .body.status;
      expect(await statusOf(published.id)).toBe('closed');
      expect(await statusOf(approved.id)).toBe('approved');
    });

    it('refuses to open a round whose closing time has passed', async () => {
      const round = await createRound(h, pm);
      h.clock.advance(60 * 86_400_000);
      try {
        const res = await api()
          .post(`/api/v1/rounds/${round.id}/transitions`)
          .set('authorization', pm.bearer)
          .send({ to: 'open' })
          .expect(422);
        expect(res.body.code).toBe('round.closing_time_passed');
      } finally {
        h.clock.set('2027-01-15T09:00:00Z');
      }
    });
  });

  describe('moving dates', () => {
    const patch = (id: string, body: object, user: TestUser = pm) =>
      api().patch(`/api/v1/rounds/${id}`).set('authorization', user.bearer).send(body);

    it('moves the dates of a draft round without a reason, auditing each move', async () => {
      const round = await createRound(h, pm);
      const res = await patch(round.id, {
        closesAt: '2027-02-20T12:00:00Z',
        name: 'Renamed',
      }).expect(200);
      expect(res.body).toMatchObject({
        closesAt: '2027-02-20T12:00:00.000Z',
        name: 'Renamed',
        version: 2,
      });
      const moved = (await auditOf(round.id)).filter(
        (e: { action: string }) => e.action === 'round.date_moved',
      );
      expect(moved).toEqual([
        expect.objectContaining({
          from_state: round.closesAt,
          to_state: '2027-02-20T12:00:00.000Z',
          reason: null,
          data: { field: 'closesAt', roundStatus: 'draft' },
        }),
      ]);
    });

    it('refuses to move an open round’s deadline without a reason (422) and records who moved it why', async () => {
      const round = await createRound(h, pm, { status: 'open' });
      const refused = await patch(round.id, { closesAt: '2027-02-21T12:00:00Z' }).expect(422);
      expect(refused.body).toMatchObject({
        status: 422,
        errors: [{ field: 'reason', message: expect.any(String) }],
      });
      const unchanged = await api()
        .get(`/api/v1/rounds/${round.id}`)
        .set('authorization', pm.bearer)
        .expect(200);
      expect(unchanged.body.closesAt).toBe(round.closesAt);

      const res = await patch(round.id, {
        closesAt: '2027-02-21T12:00:00Z',
        reason: 'Sponsor asked for another week',
      }).expect(200);
      expect(res.body.closesAt).toBe('2027-02-21T12:00:00.000Z');
      const [event] = (await auditOf(round.id)).filter(
        (e: { action: string }) => e.action === 'round.date_moved',
      );
      expect(event).toMatchObject({
        actor_id: pm.id,
        from_state: round.closesAt,
        to_state: '2027-02-21T12:00:00.000Z',
        reason: 'Sponsor asked for another week',
        data: { field: 'closesAt', roundStatus: 'open' },
      });
    });

    it('edits other fields of an open round without a reason', async () => {
      const round = await createRound(h, pm, { status: 'open' });
      await patch(round.id, { name: 'Spring call', acceleratorEndsOn: '2027-12-01' }).expect(200);
    });

    it('does not move an open round’s deadline into the past', async () => {
      const round = await createRound(h, pm, { status: 'open' });
      await patch(round.id, { closesAt: '2027-01-14T12:00:00Z', reason: 'oops' }).expect(422);
    });

    it('freezes the call dates after the call and everything once completed', async () => {
      const round = await createRound(h, pm, { status: 'assessment' });
      await patch(round.id, { closesAt: '2027-03-01T12:00:00Z', reason: 'late' }).expect(422);
      await patch(round.id, { blindReview: true }).expect(422);
      const done = await createRound(h, pm, { status: 'completed' });
      await patch(done.id, { name: 'Rewritten history' }).expect(422);
    });

    it('still checks the schedule as a whole', async () => {
      const round = await createRound(h, pm);
      const res = await patch(round.id, { acceleratorEndsOn: '2020-01-01' }).expect(400);
      expect(res.body.errors).toEqual([
        { field: 'acceleratorEndsOn', message: expect.any(String) },
      ]);
    });

    it('refuses null for a date or field that cannot be cleared, instead of reading it as 1970', async () => {
      const round = await createRound(h, pm);
      for (const field of ['opensAt', 'closesAt', 'name', 'timezone', 'acceleratorStartsOn']) {
        const res = await patch(round.id, { [field]: null });
        expect([field, res.status, res.body.errors?.[0]?.field]).toEqual([field, 400, field]);
      }
      const open = await createRound(h, pm, { status: 'open' });
      await patch(open.id, { opensAt: null, reason: 'Typo' }).expect(400);
      const after = (
        await api().get(`/api/v1/rounds/${round.id}`).set('authorization', pm.bearer).expect(200)
      ).body;
      expect(after).toMatchObject({ opensAt: round.opensAt, closesAt: round.closesAt, version: 1 });
      expect(
        (await api().get(`/api/v1/rounds/${open.id}`).set('authorization', pm.bearer)).body.opensAt,
      ).toBe(open.opensAt);
    });

    it('clears the demo day with null', async () => {
      const round = await createRound(h, pm, { demoDayOn: '2027-09-01' });
      const res = await patch(round.id, { demoDayOn: null }).expect(200);
      expect(res.body.demoDayOn).toBeNull();
    });

    it('lets only programme managers edit', async () => {
      const round = await createRound(h, pm);
      await patch(round.id, { name: 'Mine now' }, sponsor).expect(403);
    });
  });

  describe('optimistic locking', () => {
    it('answers 409 to an edit based on a stale version and applies a fresh one', async () => {
      const round = await createRound(h, pm);
      await api()
        .patch(`/api/v1/rounds/${round.id}`)
        .set('authorization', pm.bearer)
        .set('if-match', String(round.version))
        .send({ name: 'First edit' })
        .expect(200);
      const stale = await api()
        .patch(`/api/v1/rounds/${round.id}`)
        .set('authorization', pm.bearer)
        .set('if-match', String(round.version))
        .send({ name: 'Lost update' })
        .expect(409);
      expect(stale.body).toMatchObject({
        title: 'Stale version',
        currentVersion: round.version + 1,
      });
      const fresh = await api()
        .patch(`/api/v1/rounds/${round.id}`)
        .set('authorization', pm.bearer)
        .set('if-match', `"${round.version + 1}"`)
        .send({ name: 'Second edit' })
        .expect(200);
      expect(fresh.body).toMatchObject({ name: 'Second edit', version: round.version + 2 });
    });

    it('checks If-Match on transitions too', async () => {
      const round = await createRound(h, pm);
      await api()
        .post(`/api/v1/rounds/${round.id}/transitions`)
        .set('authorization', pm.bearer)
        .set('if-match', '7')
        .send({ to: 'open' })
        .expect(409);
    });
  });
});
