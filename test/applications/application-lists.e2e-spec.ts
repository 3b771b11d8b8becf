import { Application } from '@catalyst/applications';
import { Organisation } from '@catalyst/identity';
import type { Challenge, Round } from '@catalyst/rounds';
import {
  ApplicationsFactory,
  Harness,
  TestUser,
  VALID_ANSWERS,
  assessedApplication,
  countQueries,
} from '@catalyst/testing';

describe('listing applications', () => {
  const h = new Harness();
  let f: ApplicationsFactory;
  let pm: TestUser;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    f = new ApplicationsFactory(h);
    pm = await h.make.programmeManager();
  });
  afterAll(() => h.teardown());

  /** `n` submitted applications from new startups, inserted in one statement (same created_at). */
  async function insertSubmitted(challenge: Challenge, n: number, status = 'submitted') {
    const orgs = await h
      .dataSource()
      .getRepository(Organisation)
      .save(
        Array.from({ length: n }, (_, i) => ({
          name: `Bulk startup ${i}`,
          kind: 'startup' as const,
        })),
      );
    const { identifiers } = await h
      .dataSource()
      .getRepository(Application)
      .insert(
        orgs.map((org) => ({
          challengeId: challenge.id,
          roundId: challenge.roundId,
          startupOrganisationId: org.id,
          status: status as Application['status'],
          answers: VALID_ANSWERS,
          submittedAt: new Date('2027-01-20T10:00:00Z'),
        })),
      );
    return identifiers.map((i) => i.id as string);
  }

  const list = (user: TestUser, query = '') =>
    h.http().get(`/api/v1/applications${query}`).set('authorization', user.bearer).expect(200);

  it('sends the same number of queries for 2 and for 25 applications', async () => {
    const round = await f.round();
    const sponsor = await h.make.sponsor();
    const challenge = await f.challenge(round, { sponsorOrganisationId: sponsor.organisationId });
    await insertSubmitted(challenge, 2);
    const measure = async (user: TestUser) => {
      const { count, result } = await countQueries(h.dataSource(), () =>
        list(user, `?challengeId=${challenge.id}`),
      );
      return { count, items: result.body.items.length as number };
    };
    const smallPm = await measure(pm);
    const smallSponsor = await measure(sponsor);
    await insertSubmitted(challenge, 23);
    const bigPm = await measure(pm);
    const bigSponsor = await measure(sponsor);
    expect([smallPm.items, bigPm.items, smallSponsor.items, bigSponsor.items]).toEqual([
      2, 25, 2, 25,
    ]);
    // One query loads the caller, one the page (challenge, round and company joined).
    expect(smallPm.count).toBe(2);
    expect(bigPm.count).toBe(smallPm.count);
    expect(bigSponsor.count).toBe(smallSponsor.count);
  });

  it('pages through every visible application once, even when they share a created_at', async () => {
    const round = await f.round();
    const challenge = await f.challenge(round);
    const ids = await insertSubmitted(challenge, 7);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string =
        `?challengeId=${challenge.id}&limit=3` + (cursor ? `&cursor=${cursor}` : '');
      const res = await list(pm, query);
      seen.push(...res.body.items.map((a: { id: string }) => a.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect([...seen].sort()).toEqual([...ids].sort());
    expect(new Set(seen).size).toBe(7);
  });

  it('orders newest first, pages across distinct creation times, and filters', async () => {
    const round = await f.round();
    const challenge = await f.challenge(round);
    const other = await f.challenge(round);
    const created: string[] = [];
    for (let i = 0; i < 4; i++) {
      const startup = await h.make.startupMember();
      created.push((await f.draft(startup, challenge.id)).id);
    }
    const elsewhere = await f.submitted(await h.make.startupMember(), other.id);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await list(
        pm,
        `?challengeId=${challenge.id}&limit=1` + (cursor ? `&cursor=${cursor}` : ''),
      );
      paged.push(...res.body.items.map((a: { id: string }) => a.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual([...created].reverse());

    const byRound = await list(pm, `?roundId=${round.id}&status=submitted`);
    expect(byRound.body.items.map((a: { id: string }) => a.id)).toEqual([elsewhere.id]);
    const drafts = await list(pm, `?roundId=${round.id}&status=draft`);
    expect(drafts.body.items).toHaveLength(4);
    await h
      .http()
      .get('/api/v1/applications?status=pending')
      .set('authorization', pm.bearer)
      .expect(400);
    await h
      .http()
      .get('/api/v1/applications?cursor=bogus')
      .set('authorization', pm.bearer)
      .expect(400);
  });

  it('answers 400, never 500, for a well-formed cursor whose values are not a time and an id', async () => {
    const forged = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');
    const paths = [
      '/api/v1/applications',
      '/api/v1/assessments',
      `/api/v1/rounds/${(await f.round()).id}/cohort`,
    ];
    for (const path of paths) {
      for (const values of [
        ['x', 'y'],
        ['2027-01-20T10:00:00Z', 'not-a-uuid'],
        [12, '00000000-0000-0000-0000-000000000000'],
      ]) {
        const res = await h
          .http()
          .get(`${path}?cursor=${forged(values)}`)
          .set('authorization', pm.bearer);
        expect({ path, values, status: res.status }).toEqual({ path, values, status: 400 });
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.body.errors).toEqual([{ field: 'cursor', message: expect.any(String) }]);
      }
    }
  });

  it('shows each role what the policy allows', async () => {
    const round: Round = await f.round();
    const sponsor = await h.make.sponsor();
    const challenge = await f.challenge(round, { sponsorOrganisationId: sponsor.organisationId });
    const startup = await h.make.startupMember();
    const colleague = await h.make.startupMember(startup.organisationId);
    const draft = await f.draft(startup, challenge.id);
    const rival = await f.submitted(await h.make.startupMember(), challenge.id);
    const ids = async (user: TestUser) =>
      (await list(user, `?roundId=${round.id}`)).body.items.map((a: { id: string }) => a.id).sort();

    expect(await ids(pm)).toEqual([draft.id, rival.id].sort());
    expect(await ids(colleague)).toEqual([draft.id]);
    expect(await ids(sponsor)).toEqual([rival.id]);
    expect(await ids(await h.make.sponsor())).toEqual([]);
    expect(await ids(await h.make.assessor(sponsor.organisationId))).toEqual([]);
  });

  it('in a blind-review round shows sponsors only decided applications', async () => {
    const round = await f.round({ blindReview: true });
    const sponsor = await h.make.sponsor();
    const challenge = await f.challenge(round, { sponsorOrganisationId: sponsor.organisationId });
    const pending = await f.submitted(await h.make.startupMember(), challenge.id);
    const decided = await f.submitted(await h.make.startupMember(), challenge.id);
    await assessedApplication(h, decided.id);
    await f.setRoundStatus(round, 'assessment');
    await f.move(pm, decided.id, 'shortlisted', 'Top of the ranking').expect(200);
    const res = await list(sponsor, `?challengeId=${challenge.id}`);
    expect(res.body.items.map((a: { id: string }) => a.id)).toEqual([decided.id]);
    await h
      .http()
      .get(`/api/v1/applications/${pending.id}`)
      .set('authorization', sponsor.bearer)
      .expect(404);
  });

  it('documents every route in the OpenAPI document with a bearer requirement', async () => {
    const doc = (await h.http().get('/api/v1/openapi.json').expect(200)).body;
    const routes: [string, string][] = [
      ['/api/v1/challenges/{challengeId}/applications', 'post'],
      ['/api/v1/applications', 'get'],
      ['/api/v1/applications/{id}', 'get'],
      ['/api/v1/applications/{id}', 'patch'],
      ['/api/v1/applications/{id}/transitions', 'post'],
      ['/api/v1/rounds/{roundId}/cohort', 'get'],
    ];
    for (const [path, method] of routes) {
      const op = doc.paths[path]?.[method];
      expect({ path, method, summary: op?.summary, security: op?.security }).toEqual({
        path,
        method,
        summary: expect.any(String),
        security: [{ bearer: [] }],
      });
    }
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        'ApplicationResponse',
        'ApplicationPageResponse',
        'CohortPageResponse',
      ]),
    );
  });
});
