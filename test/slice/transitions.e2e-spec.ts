import {
  ApplicationsFactory,
  Harness,
  TestUser,
  assessedApplication,
  createChallenge,
  createRound,
  publishedChallenge,
  reviewChallenge,
  submittedApplication,
} from '@catalyst/testing';

/** Valid answers to the questions of the rounds factory's challenges. */
const ANSWERS = { approach: 'Street sensors and a model.', teamSize: 4, stage: 'prototype' };

/**
 * The one transition use case, seen from outside: every stateful resource honours If-Match on
 * its transitions (a stale version is 409 `<entity>.stale_version` and changes nothing), and
 * every view says which moves the caller may make now.
 */
describe('transitions of every stateful resource', () => {
  const h = new Harness();
  let pm: TestUser;
  let sponsor: TestUser;
  let otherSponsor: TestUser;
  let startup: TestUser;
  let apps: ApplicationsFactory;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    pm = await h.make.programmeManager();
    sponsor = await h.make.sponsor();
    otherSponsor = await h.make.sponsor();
    startup = await h.make.startupMember();
    apps = new ApplicationsFactory(h);
  });
  afterAll(() => h.teardown());

  const api = () => h.http();
  const read = async (user: TestUser, path: string) =>
    (await api().get(path).set('authorization', user.bearer).expect(200)).body as {
      version: number;
      status: string;
      allowedTransitions: { to: string; reasonRequired: boolean }[];
    };
  const eventsOf = async (entityId: string): Promise<string[]> =>
    (
      await h
        .dataSource()
        .query<{ action: string }[]>(
          `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY at`,
          [entityId],
        )
    ).map((e) => e.action);

  async function submit(user: TestUser, challengeId: string) {
    const draft = await apps.draft(user, challengeId, ANSWERS);
    return (await apps.move(user, draft.id, 'submitted').expect(200)).body as { id: string };
  }

  /** A stale If-Match is refused with the entity's code, and leaves no change and no event. */
  async function expectStale(
    user: TestUser,
    path: string,
    body: { to: string; reason?: string },
    code: string,
    version: number,
    id: string,
  ) {
    const before = await eventsOf(id);
    const res = await api()
      .post(`${path}/transitions`)
      .set('authorization', user.bearer)
      .set('if-match', String(version + 7))
      .send(body)
      .expect(409);
    expect(res.body).toMatchObject({ code, currentVersion: version });
    expect(await eventsOf(id)).toEqual(before);
  }

  describe('If-Match on every transition', () => {
    it('refuses a stale version of a round (round.stale_version), then takes the current one', async () => {
      const round = await createRound(h, pm);
      const path = `/api/v1/rounds/${round.id}`;
      await expectStale(pm, path, { to: 'open' }, 'round.stale_version', round.version, round.id);
      expect(await read(pm, path)).toMatchObject({ status: 'draft', version: round.version });
      const moved = await api()
        .post(`${path}/transitions`)
        .set('authorization', pm.bearer)
        .set('if-match', `"${round.version}"`)
        .send({ to: 'open' })
        .expect(200);
      expect(moved.body.status).toBe('open');
      expect(await eventsOf(round.id)).toContain('round.open');
    });

    it('refuses a stale version of a challenge (challenge.stale_version)', async () => {
      const round = await createRound(h, pm, { status: 'open' });
      const c = await createChallenge(h, sponsor, round.id, sponsor.organisationId);
      const path = `/api/v1/challenges/${c.id}`;
      await expectStale(
        sponsor,
        path,
        { to: 'submitted' },
        'challenge.stale_version',
        c.version,
        c.id,
      );
      expect(await read(sponsor, path)).toMatchObject({ status: 'draft', version: c.version });
    });

    it('refuses a stale version of an application (application.stale_version)', async () => {
      const { challenge } = await publishedChallenge(h, { pm, sponsor });
      const draft = await apps.draft(startup, challenge.id, ANSWERS);
      const path = `/api/v1/applications/${draft.id}`;
      await expectStale(
        startup,
        path,
        { to: 'submitted' },
        'application.stale_version',
        draft.version,
        draft.id,
      );
      expect(await read(startup, path)).toMatchObject({ status: 'draft', version: draft.version });
    });

    it('refuses a stale version of an assessment (assessment.stale_version), which it used to ignore', async () => {
      const { challenge } = await reviewChallenge(h);
      const { application } = await submittedApplication(h, challenge);
      const {
        assessors: [assessor],
        assessmentIds: [id],
      } = await assessedApplication(h, application.id, { statuses: ['submitted'] });
      const path = `/api/v1/assessments/${id}`;
      const before = await read(pm, path);
      await expectStale(
        pm,
        path,
        { to: 'assigned', reason: 'Scores look swapped' },
        'assessment.stale_version',
        before.version,
        id,
      );
      expect(await read(assessor, path)).toMatchObject({
        status: 'submitted',
        version: before.version,
      });
      const reopened = await api()
        .post(`${path}/transitions`)
        .set('authorization', pm.bearer)
        .set('if-match', String(before.version))
        .send({ to: 'assigned', reason: 'Scores look swapped' })
        .expect(200);
      expect(reopened.body).toMatchObject({ status: 'assigned', version: before.version + 1 });
      expect(await eventsOf(id)).toContain('assessment.assigned');
    });

    it('refuses a stale version of an invitation (invitation.stale_version)', async () => {
      const created = await api()
        .post(`/api/v1/organisations/${sponsor.organisationId}/invitations`)
        .set('authorization', pm.bearer)
        .send({ email: `new-${Date.now()}@example.test`, role: 'sponsor' })
        .expect(201);
      const id = created.body.id as string;
      await expectStale(
        pm,
        `/api/v1/invitations/${id}`,
        { to: 'revoked' },
        'invitation.stale_version',
        1,
        id,
      );
      const revoked = await api()
        .post(`/api/v1/invitations/${id}/transitions`)
        .set('authorization', pm.bearer)
        .set('if-match', '1')
        .send({ to: 'revoked' })
        .expect(200);
      expect(revoked.body).toMatchObject({ status: 'revoked', version: 2, allowedTransitions: [] });
    });
  });

  describe('allowedTransitions per role', () => {
    it('rounds: the programme manager’s moves; nothing for a sponsor or a startup member', async () => {
      const round = await createRound(h, pm, { status: 'open' });
      const path = `/api/v1/rounds/${round.id}`;
      // The call is open until closesAt: ending it now is early, so it needs a reason.
      expect((await read(pm, path)).allowedTransitions).toEqual([
        { to: 'assessment', reasonRequired: true },
        { to: 'cancelled', reasonRequired: true },
      ]);
      expect((await read(sponsor, path)).allowedTransitions).toEqual([]);
      expect((await read(startup, path)).allowedTransitions).toEqual([]);
      const list = await api()
        .get('/api/v1/rounds?status=open')
        .set('authorization', startup.bearer)
        .expect(200);
      for (const item of list.body.items) expect(item.allowedTransitions).toEqual([]);
    });

    it('challenges: owner sponsor, programme manager, another sponsor and a startup member differ', async () => {
      const round = await createRound(h, pm, { status: 'open' });
      const c = await createChallenge(h, sponsor, round.id, sponsor.organisationId, {
        status: 'submitted',
      });
      const path = `/api/v1/challenges/${c.id}`;
      expect((await read(sponsor, path)).allowedTransitions).toEqual([
        { to: 'draft', reasonRequired: false },
        { to: 'withdrawn', reasonRequired: true },
      ]);
      expect((await read(pm, path)).allowedTransitions).toEqual([
        { to: 'draft', reasonRequired: true },
        { to: 'approved', reasonRequired: false },
        { to: 'withdrawn', reasonRequired: true },
      ]);
      const published = await createChallenge(h, sponsor, round.id, sponsor.organisationId, {
        status: 'published',
        pm,
      });
      const publishedPath = `/api/v1/challenges/${published.id}`;
      expect((await read(otherSponsor, publishedPath)).allowedTransitions).toEqual([]);
      expect((await read(startup, publishedPath)).allowedTransitions).toEqual([]);
      // Lists carry the same answer per row.
      const list = await api()
        .get(`/api/v1/challenges?roundId=${round.id}&limit=50`)
        .set('authorization', sponsor.bearer)
        .expect(200);
      const row = list.body.items.find((i: { id: string }) => i.id === published.id);
      expect(row.allowedTransitions).toEqual([{ to: 'withdrawn', reasonRequired: true }]);
      // And the transition's answer is the view, moves included.
      const closed = await api()
        .post(`${publishedPath}/transitions`)
        .set('authorization', pm.bearer)
        .send({ to: 'closed' })
        .expect(200);
      expect(closed.body).toMatchObject({ status: 'closed', allowedTransitions: [] });
    });

    it('applications: the company’s member, the programme manager and the sponsor differ', async () => {
      const { challenge } = await publishedChallenge(h, { pm, sponsor });
      const submitted = await submit(startup, challenge.id);
      const path = `/api/v1/applications/${submitted.id}`;
      const asStartup = await read(startup, path);
      expect(asStartup.allowedTransitions).toEqual([{ to: 'withdrawn', reasonRequired: false }]);
      expect(submitted).toMatchObject({ allowedTransitions: asStartup.allowedTransitions });
      expect((await read(pm, path)).allowedTransitions.map((t) => t.to).sort()).toEqual([
        'ineligible',
        'rejected',
        'shortlisted',
        'waitlisted',
      ]);
      expect((await read(pm, path)).allowedTransitions.every((t) => t.reasonRequired)).toBe(true);
      expect((await read(sponsor, path)).allowedTransitions).toEqual([]);
      const list = await api()
        .get(`/api/v1/applications?challengeId=${challenge.id}`)
        .set('authorization', startup.bearer)
        .expect(200);
      expect(list.body.items[0].allowedTransitions).toEqual(asStartup.allowedTransitions);
    });

    it('assessments: the assigned assessor and the programme manager differ, in reads and lists', async () => {
      const { challenge } = await reviewChallenge(h);
      const { application } = await submittedApplication(h, challenge);
      const {
        assessors: [assessor],
        assessmentIds: [id],
      } = await assessedApplication(h, application.id, { statuses: ['assigned'] });
      const path = `/api/v1/assessments/${id}`;
      expect((await read(assessor, path)).allowedTransitions).toEqual([
        { to: 'submitted', reasonRequired: false },
        { to: 'conflicted', reasonRequired: true },
      ]);
      expect((await read(pm, path)).allowedTransitions).toEqual([
        { to: 'conflicted', reasonRequired: true },
      ]);
      const mine = await api()
        .get('/api/v1/assessments')
        .set('authorization', assessor.bearer)
        .expect(200);
      expect(mine.body.items).toEqual([
        expect.objectContaining({
          id,
          allowedTransitions: [
            { to: 'submitted', reasonRequired: false },
            { to: 'conflicted', reasonRequired: true },
          ],
        }),
      ]);
    });

    it('invitations: a pending one may be revoked by whoever manages the organisation’s invitations', async () => {
      await api()
        .post(`/api/v1/organisations/${sponsor.organisationId}/invitations`)
        .set('authorization', sponsor.bearer)
        .send({ email: `list-${Date.now()}@example.test`, role: 'sponsor' })
        .expect(201);
      const list = await api()
        .get(`/api/v1/organisations/${sponsor.organisationId}/invitations?status=pending`)
        .set('authorization', sponsor.bearer)
        .expect(200);
      expect(list.body.items.length).toBeGreaterThan(0);
      for (const item of list.body.items) {
        expect(item.allowedTransitions).toEqual([{ to: 'revoked', reasonRequired: false }]);
      }
    });
  });

  describe('role before state', () => {
    it('answers 403, not 409, to a sponsor editing or moving another sponsor’s closed challenge', async () => {
      const round = await createRound(h, pm, { status: 'open' });
      const c = await createChallenge(h, sponsor, round.id, sponsor.organisationId, {
        status: 'closed',
        pm,
      });
      const patched = await api()
        .patch(`/api/v1/challenges/${c.id}`)
        .set('authorization', otherSponsor.bearer)
        .send({ title: 'Taken over' })
        .expect(403);
      expect(patched.body.code).toBe('auth.forbidden');
      await api()
        .post(`/api/v1/challenges/${c.id}/transitions`)
        .set('authorization', otherSponsor.bearer)
        .send({ to: 'withdrawn', reason: 'Mine now' })
        .expect(403);
      // Its own sponsor still learns the state: a closed challenge no longer changes.
      const own = await api()
        .patch(`/api/v1/challenges/${c.id}`)
        .set('authorization', sponsor.bearer)
        .send({ title: 'Renamed' })
        .expect(409);
      expect(own.body.code).toBe('challenge.not_editable');
      expect(await eventsOf(c.id)).not.toContain('challenge.updated');
    });
  });
});
