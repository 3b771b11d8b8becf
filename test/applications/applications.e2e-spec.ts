import { Challenge, Round } from '@catalyst/rounds';
import {
  ApplicationsFactory,
  Harness,
  STANDARD_QUESTIONS,
  TestUser,
  VALID_ANSWERS,
} from '@catalyst/testing';

const CLOSES_AT = '2027-02-01T12:00:00.000Z';

describe('applications: drafting, editing and submitting', () => {
  const h = new Harness();
  let f: ApplicationsFactory;
  let round: Round;
  let challenge: Challenge;
  let pm: TestUser;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    f = new ApplicationsFactory(h);
    round = await f.round({ closesAt: new Date(CLOSES_AT) });
    challenge = await f.challenge(round);
    pm = await h.make.programmeManager();
  });
  beforeEach(() => h.clock.set('2027-01-15T09:00:00Z'));
  afterAll(() => h.teardown());

  const post = (user: TestUser, challengeId: string, body: object) =>
    h
      .http()
      .post(`/api/v1/challenges/${challengeId}/applications`)
      .set('authorization', user.bearer)
      .send(body);
  const patch = (user: TestUser, id: string, body: object, version?: number) => {
    const req = h.http().patch(`/api/v1/applications/${id}`).set('authorization', user.bearer);
    if (version !== undefined) void req.set('if-match', String(version));
    return req.send(body);
  };
  const get = (user: TestUser, id: string) =>
    h.http().get(`/api/v1/applications/${id}`).set('authorization', user.bearer);

  describe('starting a draft', () => {
    it('creates a draft for the caller’s company and audits it', async () => {
      const startup = await h.make.startupMember();
      const res = await post(startup, challenge.id, { answers: { team_size: 3 } }).expect(201);
      expect(res.body).toMatchObject({
        challengeId: challenge.id,
        challengeTitle: challenge.title,
        roundId: round.id,
        startupOrganisationId: startup.organisationId,
        status: 'draft',
        answers: { team_size: 3 },
        submittedAt: null,
        version: 1,
      });
      expect(res.body.startupName).toMatch(/^startup org/);
      const [event] = await h
        .dataSource()
        .query(
          `SELECT action, to_state, actor_id FROM audit_events WHERE entity_type = 'application' AND entity_id = $1`,
          [res.body.id],
        );
      expect(event).toEqual({
        action: 'application.created',
        to_state: 'draft',
        actor_id: startup.id,
      });
    });

    it('type-checks answers on creation and names every bad field', async () => {
      const startup = await h.make.startupMember();
      const res = await post(startup, challenge.id, {
        answers: { team_size: 'four', website: 'bins.example', stage: 'scale-up', colour: 'red' },
      }).expect(400);
      expect(res.body.errors).toEqual([
        { field: 'answers.team_size', message: 'must be a number' },
        { field: 'answers.website', message: 'must be an http(s) URL' },
        { field: 'answers.stage', message: 'must be one of: idea, prototype, product' },
        { field: 'answers.colour', message: 'is not a question of this challenge' },
      ]);
      const count = await h
        .dataSource()
        .query(`SELECT count(*)::int AS n FROM applications WHERE startup_organisation_id = $1`, [
          startup.organisationId,
        ]);
      expect(count[0].n).toBe(0);
    });

    it('lets only startup members apply', async () => {
      const sponsor = await h.make.sponsor();
      await post(sponsor, challenge.id, {}).expect(403);
      await post(pm, challenge.id, {}).expect(403);
    });

    it('makes a member of several startups say which one applies', async () => {
      const startup = await h.make.startupMember();
      const second = await h.make.organisation('startup');
      await h.make.addMembership(startup.id, second.id, 'startup_member');
      const res = await post(startup, challenge.id, {}).expect(400);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ field: 'startupOrganisationId' }),
      ]);
      const chosen = await post(startup, challenge.id, { startupOrganisationId: second.id }).expect(
        201,
      );
      expect(chosen.body.startupOrganisationId).toBe(second.id);
      const foreign = await h.make.organisation('startup');
      await post(startup, challenge.id, { startupOrganisationId: foreign.id }).expect(403);
    });

    it('refuses a second live application from the same company, and allows one after withdrawing', async () => {
      const startup = await h.make.startupMember();
      const colleague = await h.make.startupMember(startup.organisationId);
      const first = await f.draft(startup, challenge.id);
      const dup = await post(colleague, challenge.id, {}).expect(409);
      expect(dup.body).toMatchObject({ status: 409, existingApplicationId: first.id });
      await f.move(startup, first.id, 'withdrawn').expect(200);
      const again = await post(colleague, challenge.id, {}).expect(201);
      expect(again.body.id).not.toBe(first.id);
      // A second live one is refused again.
      await post(startup, challenge.id, {}).expect(409);
    });

    it('lets the database refuse concurrent duplicates: exactly one of many parallel creates wins', async () => {
      const startup = await h.make.startupMember();
      const results = await Promise.all(
        Array.from({ length: 6 }, () => post(startup, challenge.id, {})),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
      const rows = await h
        .dataSource()
        .query(`SELECT count(*)::int AS n FROM applications WHERE startup_organisation_id = $1`, [
          startup.organisationId,
        ]);
      expect(rows[0].n).toBe(1);
    });

    it('hides unpublished challenges (404) and refuses closed ones (422)', async () => {
      const startup = await h.make.startupMember();
      const draft = await f.challenge(round, { status: 'approved' });
      await post(startup, draft.id, {}).expect(404);
      const closed = await f.challenge(round, { status: 'closed' });
      const res = await post(startup, closed.id, {}).expect(422);
      expect(res.body.code).toBe('application.challenge_closed');
      await post(startup, '6f1c1c1e-7d59-4a55-9f6a-0d9a3c2b1a10', {}).expect(404);
    });
  });

  describe('the deadline, by the round’s clock', () => {
    it('accepts a draft and a submission one millisecond before closing', async () => {
      const startup = await h.make.startupMember();
      h.clock.set(new Date(Date.parse(CLOSES_AT) - 1));
      const app = await f.draft(startup, challenge.id);
      const res = await f.move(startup, app.id, 'submitted').expect(200);
      expect(res.body.status).toBe('submitted');
      expect(res.body.submittedAt).toBe('2027-02-01T11:59:59.999Z');
    });

    it.each([
      ['at', CLOSES_AT],
      ['after', '2027-02-03T08:00:00Z'],
    ])('refuses creating, editing and submitting %s the closing time with 422', async (_, now) => {
      const startup = await h.make.startupMember();
      const app = await f.draft(startup, challenge.id);
      const late = await h.make.startupMember();
      h.clock.set(now);
      const create = await post(late, challenge.id, {}).expect(422);
      expect(create.body.title).toBe('Deadline passed');
      expect(create.body.code).toBe('application.deadline_passed');
      expect(create.body.detail).toContain('2027-02-01T12:00:00.000Z');
      await patch(startup, app.id, { answers: { team_size: 9 } }).expect(422);
      const submit = await f.move(startup, app.id, 'submitted').expect(422);
      expect(submit.body.title).toBe('Deadline passed');
      expect((await get(startup, app.id).expect(200)).body.status).toBe('draft');
    });

    it('refuses a submission once the round has moved on, even before closesAt', async () => {
      const otherRound = await f.round();
      const c = await f.challenge(otherRound);
      const startup = await h.make.startupMember();
      const app = await f.draft(startup, c.id);
      await f.setRoundStatus(otherRound, 'assessment');
      const res = await f.move(startup, app.id, 'submitted').expect(422);
      expect(res.body.code).toBe('application.call_not_open');
    });
  });

  describe('editing a draft', () => {
    it('merges answers, removes nulls, bumps the version and audits the changed keys', async () => {
      const startup = await h.make.startupMember();
      const app = await f.draft(startup, challenge.id);
      const res = await patch(
        startup,
        app.id,
        { answers: { team_size: 7, website: null } },
        app.version,
      ).expect(200);
      const { website: _dropped, ...rest } = VALID_ANSWERS;
      expect(res.body.answers).toEqual({ ...rest, team_size: 7 });
      expect(res.body.version).toBe(app.version + 1);
      const events = await h
        .dataSource()
        .query(
          `SELECT data FROM audit_events WHERE entity_id = $1 AND action = 'application.updated'`,
          [app.id],
        );
      expect(events).toEqual([{ data: { changedAnswers: ['team_size', 'website'] } }]);
    });

    it('type-checks a PATCH, naming the fields, and stores nothing', async () => {
      const startup = await h.make.startupMember();
      const app = await f.draft(startup, challenge.id);
      const res = await patch(startup, app.id, {
        answers: { team_size: '7', website: 'ftp://x.example', nope: null },
      }).expect(400);
      expect(res.body.errors).toEqual([
        { field: 'answers.team_size', message: 'must be a number' },
        { field: 'answers.website', message: 'must be an http(s) URL' },
        { field: 'answers.nope', message: 'is not a question of this challenge' },
      ]);
      expect((await get(startup, app.id)).body).toMatchObject({
        answers: VALID_ANSWERS,
        version: app.version,
      });
    });

    it('refuses a stale If-Match with 409', async () => {
      const startup = await h.make.startupMember();
      const app = await f.draft(startup, challenge.id);
      await patch(startup, app.id, { answers: { team_size: 5 } }, app.version).expect(200);
      const stale = await patch(startup, app.id, { answers: { team_size: 6 } }, app.version).expect(
        409,
      );
      expect(stale.body).toMatchObject({ title: 'Stale version', currentVersion: app.version + 1 });
    });

    it('refuses edits once submitted (409) and by a programme manager (403)', async () => {
      const startup = await h.make.startupMember();
      const app = await f.draft(startup, challenge.id);
      await patch(pm, app.id, { answers: { team_size: 1 } }).expect(403);
      await f.move(startup, app.id, 'submitted').expect(200);
      const res = await patch(startup, app.id, { answers: { team_size: 1 } }).expect(409);
      expect(res.body.code).toBe('application.not_draft');
    });
  });

  describe('submitting', () => {
    it('validates every answer against the questions, listing each field', async () => {
      const startup = await h.make.startupMember();
      const app = await f.draft(startup, challenge.id, {
        approach: 'x'.repeat(201),
        stage: 'idea',
        website: '',
      });
      // The programme narrows the choices after the draft was written.
      await h
        .dataSource()
        .getRepository(Challenge)
        .update(challenge.id, {
          questions: STANDARD_QUESTIONS.map((q) =>
            q.key === 'stage' ? { ...q, options: ['prototype', 'product'] } : q,
          ),
        });
      try {
        const res = await f.move(startup, app.id, 'submitted').expect(400);
        expect(res.body.errors).toEqual([
          { field: 'answers.stage', message: 'must be one of: prototype, product' },
          { field: 'answers.approach', message: 'must be at most 200 characters (it has 201)' },
          { field: 'answers.team_size', message: 'is required' },
        ]);
        const after = await get(startup, app.id).expect(200);
        expect(after.body).toMatchObject({ status: 'draft', submittedAt: null });
      } finally {
        await h
          .dataSource()
          .getRepository(Challenge)
          .update(challenge.id, { questions: STANDARD_QUESTIONS });
      }
    });

    it('submits valid answers, sets submittedAt by the clock and audits the move', async () => {
      const startup = await h.make.startupMember();
      const app = await f.draft(startup, challenge.id);
      h.clock.set('2027-01-20T10:30:00Z');
      const res = await f.move(startup, app.id, 'submitted').expect(200);
      expect(res.body).toMatchObject({
        status: 'submitted',
        submittedAt: '2027-01-20T10:30:00.000Z',
      });
      const rows = await h
        .dataSource()
        .query(
          `SELECT action, from_state, to_state, actor_id FROM audit_events WHERE entity_id = $1 AND action = 'application.submitted'`,
          [app.id],
        );
      expect(rows).toEqual([
        {
          action: 'application.submitted',
          from_state: 'draft',
          to_state: 'submitted',
          actor_id: startup.id,
        },
      ]);
    });
  });

  describe('across companies', () => {
    it('hides one company’s application from another startup (404 on read, edit and move)', async () => {
      const owner = await h.make.startupMember();
      const other = await h.make.startupMember();
      const app = await f.draft(owner, challenge.id);
      await get(other, app.id).expect(404);
      await patch(other, app.id, { answers: { team_size: 1 } }).expect(404);
      await f.move(other, app.id, 'withdrawn').expect(404);
      const list = await h
        .http()
        .get(`/api/v1/applications?challengeId=${challenge.id}`)
        .set('authorization', other.bearer)
        .expect(200);
      expect(list.body.items.map((a: { id: string }) => a.id)).not.toContain(app.id);
      expect((await get(owner, app.id)).body.answers).toEqual(VALID_ANSWERS);
    });

    it('shows the challenge’s sponsor submitted applications but never drafts', async () => {
      const sponsor = await h.make.sponsor(challenge.sponsorOrganisationId);
      const otherSponsor = await h.make.sponsor();
      const startup = await h.make.startupMember();
      const app = await f.draft(startup, challenge.id);
      await get(sponsor, app.id).expect(404);
      await f.move(startup, app.id, 'submitted').expect(200);
      await get(sponsor, app.id).expect(200);
      await get(otherSponsor, app.id).expect(404);
      // Seeing is not deciding.
      await f.move(sponsor, app.id, 'rejected', 'not for us').expect(403);
    });
  });
});
