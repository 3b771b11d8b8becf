import {
  Harness,
  TestUser,
  challengeBody,
  countQueries,
  createChallenge,
  createRound,
  transitionChallenge,
  transitionRound,
} from '@catalyst/testing';
import type { ChallengeView, RoundView } from '@catalyst/rounds';

describe('challenges', () => {
  const h = new Harness();
  let pm: TestUser;
  let sponsor: TestUser;
  let otherSponsor: TestUser;
  let ownAssessor: TestUser;
  let startup: TestUser;
  let round: RoundView;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    pm = await h.make.programmeManager();
    sponsor = await h.make.sponsor();
    otherSponsor = await h.make.sponsor();
    ownAssessor = await h.make.assessor(sponsor.organisationId);
    startup = await h.make.startupMember();
    round = await createRound(h, pm, { status: 'open' });
  });
  afterAll(() => h.teardown());

  const api = () => h.http();
  const post = (user: TestUser, body: object, roundId = round.id) =>
    api().post(`/api/v1/rounds/${roundId}/challenges`).set('authorization', user.bearer).send(body);
  const get = (user: TestUser, id: string) =>
    api().get(`/api/v1/challenges/${id}`).set('authorization', user.bearer);
  const patch = (user: TestUser, id: string, body: object, ifMatch?: number) => {
    const req = api().patch(`/api/v1/challenges/${id}`).set('authorization', user.bearer);
    if (ifMatch !== undefined) req.set('if-match', String(ifMatch));
    return req.send(body);
  };
  const move = (user: TestUser, id: string, body: object) =>
    api().post(`/api/v1/challenges/${id}/transitions`).set('authorization', user.bearer).send(body);
  const listIds = async (user: TestUser, query = '') =>
    (
      await api()
        .get(`/api/v1/challenges?limit=200${query}`)
        .set('authorization', user.bearer)
        .expect(200)
    ).body.items.map((c: ChallengeView) => c.id);
  const auditOf = (entityId: string) =>
    h
      .dataSource()
      .query(
        `SELECT actor_id, action, from_state, to_state, reason, data FROM audit_events WHERE entity_id = $1 ORDER BY at, action`,
        [entityId],
      );

  describe('proposing', () => {
    it('lets a sponsor propose a draft for its organisation, stored in normal form and audited', async () => {
      const body = challengeBody(sponsor.organisationId, {
        tags: [' Climate', 'climate', 'Roads'],
        questions: [{ key: 'approach', label: 'Approach', type: 'text', required: true }],
      });
      const res = await post(sponsor, body).expect(201);
      expect(res.body).toMatchObject({
        roundId: round.id,
        round: { id: round.id, name: round.name, status: 'open', closesAt: round.closesAt },
        sponsorOrganisationId: sponsor.organisationId,
        sponsor: { id: sponsor.organisationId, name: expect.any(String) },
        status: 'draft',
        publishedAt: null,
        tags: ['climate', 'roads'],
        questions: [
          { key: 'approach', label: 'Approach', type: 'text', required: true, maxLength: 5000 },
        ],
        rubric: body.rubric,
        budget: body.budget,
        version: 1,
      });
      const [event] = await auditOf(res.body.id);
      expect(event).toMatchObject({
        actor_id: sponsor.id,
        action: 'challenge.created',
        to_state: 'draft',
      });
    });

    it('lets a programme manager propose one for any sponsor organisation', async () => {
      await post(pm, challengeBody(otherSponsor.organisationId)).expect(201);
    });

    it('refuses a sponsor proposing for another organisation, and other roles, with 403', async () => {
      await post(sponsor, challengeBody(otherSponsor.organisationId)).expect(403);
      await post(ownAssessor, challengeBody(sponsor.organisationId)).expect(403);
      await post(startup, challengeBody(sponsor.organisationId)).expect(403);
    });

    it('needs a sponsor organisation, an existing round that still takes challenges', async () => {
      const res = await post(pm, challengeBody(startup.organisationId)).expect(422);
      expect(res.body.errors).toEqual([
        { field: 'sponsorOrganisationId', message: expect.any(String) },
      ]);
      await post(pm, challengeBody(sponsor.organisationId), crypto.randomUUID()).expect(404);
      const over = await createRound(h, pm, { status: 'assessment' });
      await post(pm, challengeBody(sponsor.organisationId), over.id).expect(422);
    });

    it('refuses incoherent questions, rubric and budget, naming each field', async () => {
      const res = await post(
        sponsor,
        challengeBody(sponsor.organisationId, {
          questions: [
            { key: 'a', label: 'A', type: 'text', required: true },
            { key: 'A', label: 'A again', type: 'number', required: true, maxLength: 10 },
            { key: 'pick', label: 'Pick', type: 'choice', required: true },
          ],
          rubric: [
            { key: 'impact', label: 'Impact', weight: 2, maxScore: 10 },
            { key: 'impact', label: 'Impact again', weight: 1, maxScore: 5 },
          ],
          budget: {
            accelerator: { amountMinor: 100, currency: 'GBP' },
            followOn: { amountMinor: 100, currency: 'EUR' },
          },
        }),
      ).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
        'questions[1].key',
        'questions[1].maxLength',
        'questions[2].options',
        'rubric[1].key',
        'budget.followOn.currency',
      ]);
    });

    it('refuses malformed content before anything else', async () => {
      const res = await post(
        sponsor,
        challengeBody(sponsor.organisationId, {
          questions: [{ key: '1bad key', label: '', type: 'essay', required: 'yes' }],
          rubric: [{ key: 'impact', label: 'Impact', weight: 0, maxScore: -1 }],
          budget: { accelerator: { amountMinor: -5, currency: 'XXY' } },
        }),
      ).expect(400);
      const fields = new Set(res.body.errors.map((e: { field: string }) => e.field));
      expect([...fields].sort()).toEqual(
        [
          'budget.accelerator.amountMinor',
          'budget.accelerator.currency',
          'questions[0].key',
          'questions[0].label',
          'questions[0].type',
          'questions[0].required',
          'rubric[0].weight',
          'rubric[0].maxScore',
        ].sort(),
      );
      await post(sponsor, { ...challengeBody(sponsor.organisationId), questions: [] }).expect(400);
      await post(sponsor, { ...challengeBody(sponsor.organisationId), rubric: [] }).expect(400);
    });

    it('refuses blank text and control characters, naming each field (never 500)', async () => {
      const body = challengeBody(sponsor.organisationId) as {
        questions: Record<string, unknown>[];
        rubric: Record<string, unknown>[];
      };
      const res = await post(sponsor, {
        ...body,
        title: '   ',
        summary: 'Flooding\u0000 roads',
        problemStatement: '\n\t ',
        tags: ['climate\u0000'],
        questions: [
          { ...body.questions[0], label: 'How?\u0001' },
          { key: 'stage', label: 'Stage', type: 'choice', required: true, options: ['idea', ' '] },
        ],
        rubric: [{ ...body.rubric[0], label: ' ', description: 'High\u001f' }],
      }).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
        [
          'title',
          'summary',
          'problemStatement',
          'tags',
          'questions[0].label',
          'questions[1].options',
          'rubric[0].label',
          'rubric[0].description',
        ].sort(),
      );
      const draft = await createChallenge(h, sponsor, round.id, sponsor.organisationId);
      await patch(sponsor, draft.id, { title: 'Roads\u0000' }).expect(400);
      await move(sponsor, draft.id, { to: 'withdrawn', reason: 'No\u0000' }).expect(400);
      expect((await get(sponsor, draft.id).expect(200)).body.status).toBe('draft');
    });
  });

  describe('visibility', () => {
    let draft: ChallengeView;
    let published: ChallengeView;

    beforeAll(async () => {
      draft = await createChallenge(h, sponsor, round.id, sponsor.organisationId);
      published = await createChallenge(h, sponsor, round.id, sponsor.organisationId, {
        status: 'published',
        pm,
      });
    });

    it('hides a draft from another organisation’s sponsor, assessors and startups (404)', async () => {
      await get(sponsor, draft.id).expect(200);
      await get(pm, draft.id).expect(200);
      await get(otherSponsor, draft.id).expect(404);
      await get(ownAssessor, draft.id).expect(404);
      await get(startup, draft.id).expect(404);
      await patch(otherSponsor, draft.id, { title: 'Hijacked' }).expect(404);
      await move(otherSponsor, draft.id, { to: 'submitted' }).expect(404);
    });

    it('shows published challenges to every signed-in user', async () => {
      for (const user of [otherSponsor, ownAssessor, startup])
        await get(user, published.id).expect(200);
    });

    it('lists by the same rules', async () => {
      expect(await listIds(pm, `&roundId=${round.id}`)).toEqual(
        expect.arrayContaining([draft.id, published.id]),
      );
      expect(await listIds(sponsor, `&roundId=${round.id}`)).toEqual(
        expect.arrayContaining([draft.id, published.id]),
      );
      for (const user of [otherSponsor, ownAssessor, startup]) {
        const ids = await listIds(user, `&roundId=${round.id}`);
        expect(ids).toContain(published.id);
        expect(ids).not.toContain(draft.id);
      }
    });

    it('hides published challenges of an unannounced (draft) round from startups', async () => {
      const draftRound = await createRound(h, pm);
      const early = await createChallenge(h, sponsor, draftRound.id, sponsor.organisationId, {
        status: 'published',
        pm,
      });
      await get(otherSponsor, early.id).expect(200);
      await get(startup, early.id).expect(404);
      expect(await listIds(startup, `&roundId=${draftRound.id}`)).toEqual([]);
    });
  });

  describe('lifecycle', () => {
    it('goes draft → submitted → approved → published → closed, each move audited', async () => {
      const c = await createChallenge(h, sponsor, round.id, sponsor.organisationId);
      expect((await move(sponsor, c.id, { to: 'submitted' }).expect(200)).body.status).toBe(
        'submitted',
      );
      expect((await move(pm, c.id, { to: 'approved' }).expect(200)).body.status).toBe('approved');
      const published = await move(pm, c.id, { to: 'published' }).expect(200);
      expect(published.body).toMatchObject({
        status: 'published',
        publishedAt: h.clock.now().toISOString(),
      });
      expect((await move(pm, c.id, { to: 'closed' }).expect(200)).body.status).toBe('closed');
      const moves = (await auditOf(c.id))
        .filter((e: { action: string; to_state: string }) => e.action === `challenge.${e.to_state}`)
        .map((e: { actor_id: string; from_state: string; to_state: string }) => [
          e.actor_id,
          `${e.from_state}→${e.to_state}`,
        ]);
      expect(moves).toEqual([
        [sponsor.id, 'draft→submitted'],
        [pm.id, 'submitted→approved'],
        [pm.id, 'approved→published'],
        [pm.id, 'published→closed'],
      ]);
    });

    it('refuses a move not in the table with 409 and the allowed targets', async () => {
      const c = await createChallenge(h, sponsor, round.id, sponsor.organisationId);
      const res = await move(pm, c.id, { to: 'published' }).expect(409);
      expect(res.body).toMatchObject({
        status: 409,
        from: 'draft',
        allowed: ['submitted', 'withdrawn'],
      });
    });

    it('refuses a sponsor approving or publishing with 403', async () => {
      const c = await createChallenge(h, sponsor, round.id, sponsor.organisationId, {
        status: 'submitted',
      });
      await move(sponsor, c.id, { to: 'approved' }).expect(403);
      const approved = await transitionChallenge(h, pm, c.id, 'approved');
      await move(sponsor, approved.id, { to: 'published' }).expect(403);
      // Another organisation's sponsor sees a published challenge but may not touch it.
      const published = await transitionChallenge(h, pm, c.id, 'published');
      await move(otherSponsor, published.id, { to: 'withdrawn', reason: 'mine now' }).expect(403);
      await move(startup, published.id, { to: 'closed' }).expect(403);
    });

    it('needs a reason to withdraw and to send a submission back', async () => {
      const c = await createChallenge(h, sponsor, round.id, sponsor.organisationId, {
        status: 'submitted',
      });
      const noReason = await move(pm, c.id, { to: 'draft' }).expect(400);
      expect(noReason.body.errors).toEqual([{ field: 'reason', message: expect.any(String) }]);
      await move(pm, c.id, { to: 'draft', reason: 'Budget needs a follow-on estimate' }).expect(
        200,
      );
      await move(sponsor, c.id, { to: 'withdrawn' }).expect(400);
      const res = await move(sponsor, c.id, { to: 'withdrawn', reason: 'Solved in-house' }).expect(
        200,
      );
      expect(res.body.status).toBe('withdrawn');
      const [event] = (await auditOf(c.id)).filter(
        (e: { to_state: string }) => e.to_state === 'withdrawn',
      );
      expect(event).toMatchObject({ actor_id: sponsor.id, reason: 'Solved in-house' });
    });

    it('publishes only while the round is draft or open (422)', async () => {
      const r = await createRound(h, pm, { status: 'open' });
      const c = await createChallenge(h, sponsor, r.id, sponsor.organisationId, {
        status: 'approved',
        pm,
      });
      await transitionRound(h, pm, r.id, 'assessment', 'Closing the call early');
      const res = await move(pm, c.id, { to: 'published' }).expect(422);
      expect(res.body.code).toBe('challenge.round_stage');
    });

    it('refuses to publish into an open round whose call has already closed (422)', async () => {
      const r = await createRound(h, pm, { status: 'open' });
      const c = await createChallenge(h, sponsor, r.id, sponsor.organisationId, {
        status: 'approved',
        pm,
      });
      const start = h.clock.now();
      h.clock.set(r.closesAt);
      try {
        const res = await move(pm, c.id, { to: 'published' }).expect(422);
        expect(res.body.code).toBe('challenge.call_closed');
      } finally {
        h.clock.set(start);
      }
      await move(pm, c.id, { to: 'published' }).expect(200);
    });

    it('checks If-Match on transitions', async () => {
      const c = await createChallenge(h, sponsor, round.id, sponsor.organisationId);
      await api()
        .post(`/api/v1/challenges/${c.id}/transitions`)
        .set('authorization', sponsor.bearer)
        .set('if-match', String(c.version + 1))
        .send({ to: 'submitted' })
        .expect(409);
    });
  });

  describe('editing', () => {
    it('lets the sponsor edit a draft with If-Match, auditing the change', async () => {
      const c = await createChallenge(h, sponsor, round.id, sponsor.organisationId);
      const res = await patch(
        sponsor,
        c.id,
        { title: 'Sharper title', tags: ['Water'] },
        c.version,
      ).expect(200);
      expect(res.body).toMatchObject({
        title: 'Sharper title',
        tags: ['water'],
        version: c.version + 1,
      });
      const [event] = (await auditOf(c.id)).filter(
        (e: { action: string }) => e.action === 'challenge.updated',
      );
      expect(event).toMatchObject({
        actor_id: sponsor.id,
        data: {
          title: { from: c.title, to: 'Sharper title' },
          tags: { from: c.tags, to: ['water'] },
        },
      });
    });

    it('answers 409 to a stale If-Match and leaves the challenge as it was', async () => {
      const c = await createChallenge(h, sponsor, round.id, sponsor.organisationId);
      await patch(pm, c.id, { summary: 'PM edit' }, c.version).expect(200);
      const res = await patch(sponsor, c.id, { summary: 'Sponsor edit' }, c.version).expect(409);
      expect(res.body.currentVersion).toBe(c.version + 1);
      expect((await get(pm, c.id).expect(200)).body.summary).toBe('PM edit');
    });

    it('lets the sponsor edit only while draft or submitted; the programme manager until closed', async () => {
      const c = await createChallenge(h, sponsor, round.id, sponsor.organisationId, {
        status: 'approved',
        pm,
      });
      await patch(sponsor, c.id, { title: 'Too late' }).expect(403);
      await patch(pm, c.id, { title: 'PM fixes a typo' }).expect(200);
      await transitionChallenge(h, pm, c.id, 'published');
      await patch(pm, c.id, { summary: 'Clarified' }).expect(200);
      await transitionChallenge(h, pm, c.id, 'closed');
      await patch(pm, c.id, { summary: 'After the fact' }).expect(409);
      await patch(startup, c.id, { title: 'x' }).expect(403);
    });

    it('refuses changing questions or rubric once applications exist (409), but not other fields', async () => {
      const c = await createChallenge(h, sponsor, round.id, sponsor.organisationId, {
        status: 'published',
        pm,
      });
      const newQuestions = [{ key: 'other', label: 'Something else', type: 'url', required: true }];
      const newRubric = [{ key: 'value', label: 'Value', weight: 1, maxScore: 5 }];
      await h.dataSource().query(
        `INSERT INTO applications (challenge_id, round_id, startup_organisation_id, status, answers, version)
           VALUES ($1, $2, $3, 'draft', '{}', 1)`,
        [c.id, round.id, startup.organisationId],
      );
      const res = await patch(pm, c.id, { questions: newQuestions }).expect(409);
      expect(res.body.code).toBe('challenge.has_applications');
      await patch(pm, c.id, { rubric: newRubric }).expect(409);
      // Sending the questions back unchanged is no change.
      await patch(pm, c.id, { questions: c.questions, title: 'Still editable' }).expect(200);
      expect((await get(pm, c.id).expect(200)).body.questions).toEqual(c.questions);

      // A withdrawn application does not freeze anything.
      await h
        .dataSource()
        .query(`UPDATE applications SET status = 'withdrawn' WHERE challenge_id = $1`, [c.id]);
      await patch(pm, c.id, { rubric: newRubric }).expect(200);
    });

    it('validates edited content like new content and refuses unknown fields', async () => {
      const c = await createChallenge(h, sponsor, round.id, sponsor.organisationId);
      await patch(sponsor, c.id, {
        rubric: [
          { key: 'a', label: 'A', weight: 1, maxScore: 1 },
          { key: 'a', label: 'B', weight: 1, maxScore: 1 },
        ],
      }).expect(400);
      await patch(sponsor, c.id, { sponsorOrganisationId: otherSponsor.organisationId }).expect(
        400,
      );
      await patch(sponsor, c.id, { status: 'published' }).expect(400);
    });
  });

  describe('searching and filtering', () => {
    let searchRound: RoundView;
    let floods: ChallengeView;
    let potholes: ChallengeView;
    let draftFloods: ChallengeView;

    beforeAll(async () => {
      searchRound = await createRound(h, pm, { status: 'open' });
      floods = await createChallenge(h, sponsor, searchRound.id, sponsor.organisationId, {
        title: 'Keeping villages dry',
        summary: 'Early warnings for residents.',
        problemStatement:
          'The river floods the lower village every winter and sandbags arrive too late.',
        tags: ['climate'],
        status: 'published',
        pm,
      });
      potholes = await createChallenge(
        h,
        otherSponsor,
        searchRound.id,
        otherSponsor.organisationId,
        {
          title: 'Smoother roads',
          summary: 'Fix roads before they break.',
          problemStatement: 'Potholes appear faster than crews can inspect the network.',
          tags: ['transport'],
          status: 'published',
          pm,
        },
      );
      draftFloods = await createChallenge(h, sponsor, searchRound.id, sponsor.organisationId, {
        title: 'Flood insurance',
        summary: 'Unpublished idea.',
        problemStatement: 'Households cannot insure against floods.',
      });
    });

    const search = (user: TestUser, query: string) =>
      listIds(user, `&roundId=${searchRound.id}${query}`);

    it('finds a challenge by a word of its problem statement', async () => {
      expect(await search(startup, '&q=sandbags')).toEqual([floods.id]);
      expect(await search(startup, '&q=potholes')).toEqual([potholes.id]);
    });

    it('matches word forms (English stemming), not substrings', async () => {
      expect(await search(startup, '&q=flooding')).toEqual([floods.id]);
      expect(await search(pm, '&q=flooding')).toEqual([draftFloods.id, floods.id]);
      expect(await search(startup, '&q=ood')).toEqual([]);
      expect(
        await search(startup, `&q=${encodeURIComponent('"lower village" -potholes')}`),
      ).toEqual([floods.id]);
    });

    it('filters by status, sponsor and tag', async () => {
      expect(await search(pm, '&status=draft')).toEqual([draftFloods.id]);
      expect(
        await search(startup, `&sponsorOrganisationId=${otherSponsor.organisationId}`),
      ).toEqual([potholes.id]);
      expect(await search(startup, '&tag=CLIMATE')).toEqual([floods.id]);
      await api()
        .get('/api/v1/challenges?status=archived')
        .set('authorization', pm.bearer)
        .expect(400);
    });

    it('answers 400, never 500, to a search or tag holding a NUL character', async () => {
      for (const query of ['q=flood%00', 'tag=climate%00']) {
        const res = await api()
          .get(`/api/v1/challenges?${query}`)
          .set('authorization', startup.bearer);
        expect([query, res.status]).toEqual([query, 400]);
        const pub = await api().get(`/api/v1/public/challenges?${query}`);
        expect([query, pub.status]).toEqual([query, 400]);
      }
    });

    it('takes tsquery operators in q as plain words', async () => {
      for (const q of ["'", '&', '!', ':*', '(', 'sandbags & !', "sandbags:* | ('"]) {
        const res = await api()
          .get(`/api/v1/challenges?roundId=${searchRound.id}&q=${encodeURIComponent(q)}`)
          .set('authorization', startup.bearer);
        expect([q, res.status]).toEqual([q, 200]);
      }
      expect(await search(startup, `&q=${encodeURIComponent('sandbags:* & !')}`)).toEqual([
        floods.id,
      ]);
    });

    it('pages newest first with a cursor', async () => {
      const first = await api()
        .get(`/api/v1/challenges?roundId=${searchRound.id}&limit=2`)
        .set('authorization', pm.bearer)
        .expect(200);
      expect(first.body.items.map((c: ChallengeView) => c.id)).toEqual([
        draftFloods.id,
        potholes.id,
      ]);
      const second = await api()
        .get(`/api/v1/challenges?roundId=${searchRound.id}&limit=2&cursor=${first.body.nextCursor}`)
        .set('authorization', pm.bearer)
        .expect(200);
      expect(second.body).toEqual({
        items: [expect.objectContaining({ id: floods.id })],
        nextCursor: null,
      });
    });
  });

  it('lists with a fixed number of SQL queries whatever the number of challenges', async () => {
    const small = await createRound(h, pm, { status: 'open' });
    const large = await createRound(h, pm, { status: 'open' });
    for (let i = 0; i < 2; i++) await createChallenge(h, sponsor, small.id, sponsor.organisationId);
    for (let i = 0; i < 30; i++) {
      const org = i % 2 ? sponsor.organisationId : otherSponsor.organisationId;
      await createChallenge(h, pm, large.id, org);
    }
    const list = (roundId: string) => () =>
      api()
        .get(`/api/v1/challenges?roundId=${roundId}&limit=200`)
        .set('authorization', sponsor.bearer)
        .expect(200);
    const two = await countQueries(h.dataSource(), list(small.id));
    const thirty = await countQueries(h.dataSource(), list(large.id));
    expect(two.result.body.items).toHaveLength(2);
    // The sponsor sees its own 15 drafts of the 30 (the others are another organisation's).
    expect(thirty.result.body.items).toHaveLength(15);
    expect(thirty.result.body.items[0].sponsor.name).toEqual(expect.any(String));
    expect(thirty.count).toBe(two.count);
    expect(thirty.count).toBeLessThanOrEqual(2); // the caller, then the page
  });
});
