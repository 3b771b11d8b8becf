import {
  Harness,
  TestUser,
  panelOf,
  reviewChallenge,
  submittedApplication,
} from '@catalyst/testing';

describe('moderation notes', () => {
  const h = new Harness();
  let pm: TestUser;
  let sponsor: TestUser;
  let panel: TestUser[];
  let applicationId: string;
  let founder: TestUser;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    pm = await h.make.programmeManager();
    const setup = await reviewChallenge(h);
    sponsor = setup.sponsor;
    const { application, company } = await submittedApplication(h, setup.challenge);
    applicationId = application.id;
    founder = await h.make.startupMember(company.id);
    panel = await panelOf(h, pm, setup.challenge.id, 2);
  });
  afterAll(() => h.teardown());

  const notes = (id = applicationId) => `/api/v1/applications/${id}/moderation-notes`;
  const post = (who: TestUser, body: object, id = applicationId) =>
    h.http().post(notes(id)).set('authorization', who.bearer).send(body);
  const read = (who: TestUser, query = '') =>
    h.http().get(`${notes()}${query}`).set('authorization', who.bearer);

  it('is a thread the panel and programme managers write and read, oldest first', async () => {
    const first = await post(panel[0], { body: 'Scores differ by 40 points; discuss?' }).expect(
      201,
    );
    expect(first.body).toMatchObject({
      applicationId,
      authorUserId: panel[0].id,
      authorName: panel[0].name,
      body: 'Scores differ by 40 points; discuss?',
    });
    h.clock.advance(60_000);
    await post(pm, { body: 'Agreed: moderation call on Friday.' }).expect(201);
    h.clock.advance(60_000);
    await post(panel[1], { body: 'I scored feasibility low on purpose.' }).expect(201);

    const thread = await read(panel[1]).expect(200);
    expect(thread.body.items.map((n: { body: string }) => n.body)).toEqual([
      'Scores differ by 40 points; discuss?',
      'Agreed: moderation call on Friday.',
      'I scored feasibility low on purpose.',
    ]);
    const page = await read(pm, '?limit=2').expect(200);
    expect(page.body.items).toHaveLength(2);
    const rest = await read(pm, `?limit=2&cursor=${page.body.nextCursor}`).expect(200);
    expect(rest.body.items.map((n: { authorUserId: string }) => n.authorUserId)).toEqual([
      panel[1].id,
    ]);
    expect(rest.body.nextCursor).toBeNull();

    const audit: { n: number }[] = await h.dataSource().query(
      `SELECT COUNT(*)::int AS n FROM audit_events
          WHERE action = 'moderation_note.added' AND entity_id = $1`,
      [applicationId],
    );
    expect(audit[0].n).toBe(3);
  });

  it('is invisible to the company that applied and to assessors of other panels', async () => {
    const startupRead = await read(founder).expect(404);
    expect(startupRead.body.status).toBe(404);
    await post(founder, { body: 'Let me in' }).expect(404);
    const outsider = await h.make.assessor();
    await read(outsider).expect(404);
    await post(outsider, { body: 'Hello' }).expect(404);
  });

  it('is closed to the sponsor, who knows the application but is not on the panel', async () => {
    await read(sponsor).expect(403);
    await post(sponsor, { body: 'Hello' }).expect(403);
  });

  it('refuses blank notes and unknown applications', async () => {
    await post(panel[0], { body: '   ' }).expect(400);
    await post(panel[0], { body: 'x', extra: 1 }).expect(400);
    await post(pm, { body: 'x' }, '00000000-0000-4000-8000-000000000000').expect(404);
  });
});
