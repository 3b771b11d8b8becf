import {
  Harness,
  TestUser,
  countQueries,
  createChallenge,
  createRound,
  transitionChallenge,
} from '@catalyst/testing';
import type { ChallengeView, RoundView } from '@catalyst/rounds';

const MINUTE = 60_000;
const DAY = 86_400_000;

describe('the public open-innovation portal', () => {
  const h = new Harness();
  let pm: TestUser;
  let council: TestUser;
  let nhs: TestUser;
  let laterRound: RoundView;
  let soonerRound: RoundView;
  let roadsChallenge: ChallengeView;
  let healthChallenge: ChallengeView;
  const hidden: Record<string, ChallengeView> = {};

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    pm = await h.make.programmeManager();
    council = await h.make.sponsor();
    nhs = await h.make.sponsor();
    laterRound = await createRound(h, pm, {
      status: 'open',
      name: 'Spring call',
      closesAt: new Date(h.clock.now().getTime() + 30 * DAY).toISOString(),
    });
    soonerRound = await createRound(h, pm, {
      status: 'open',
      name: 'Health call',
      timezone: 'Europe/Dublin',
      closesAt: new Date(h.clock.now().getTime() + 10 * DAY).toISOString(),
    });
    const draftRound = await createRound(h, pm);

    roadsChallenge = await createChallenge(h, council, laterRound.id, council.organisationId, {
      title: 'Smoother rural roads',
      problemStatement: 'Rural roads flood after storms and potholes follow.',
      tags: ['transport'],
      status: 'published',
      pm,
    });
    h.clock.advance(MINUTE);
    healthChallenge = await createChallenge(h, nhs, soonerRound.id, nhs.organisationId, {
      title: 'Shorter waiting lists',
      summary: 'Help the hospital see patients sooner.',
      problemStatement: 'Patients wait months for outpatient appointments.',
      tags: ['health'],
      status: 'published',
      pm,
    });
    for (const status of ['draft', 'submitted', 'approved', 'closed'] as const) {
      hidden[status] = await createChallenge(h, council, laterRound.id, council.organisationId, {
        title: `Hidden ${status}`,
        status,
        pm,
      });
    }
    const withdrawn = await createChallenge(h, council, laterRound.id, council.organisationId, {
      title: 'Hidden withdrawn',
      status: 'published',
      pm,
    });
    hidden.withdrawn = await transitionChallenge(
      h,
      council,
      withdrawn.id,
      'withdrawn',
      'Budget cut',
    );
    hidden.draftRound = await createChallenge(h, council, draftRound.id, council.organisationId, {
      title: 'Hidden in a draft round',
      status: 'published',
      pm,
    });
  });
  afterAll(() => h.teardown());

  const anonymous = (path: string) => h.http().get(`/api/v1/public/${path}`);
  const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((c) => c.id);

  it('lists exactly the published challenges of open rounds to an anonymous caller, soonest deadline first', async () => {
    const res = await anonymous('challenges').expect(200);
    expect(ids(res)).toEqual([healthChallenge.id, roadsChallenge.id]);
    expect(res.body.nextCursor).toBeNull();
  });

  it('shows public fields only', async () => {
    const res = await anonymous('challenges').expect(200);
    const item = res.body.items[1];
    expect(item).toEqual({
      id: roadsChallenge.id,
      title: 'Smoother rural roads',
      summary: roadsChallenge.summary,
      problemStatement: 'Rural roads flood after storms and potholes follow.',
      tags: ['transport'],
      sponsor: roadsChallenge.sponsor,
      budget: roadsChallenge.budget,
      // Everything needed to prepare an application (the blind-review flag is internal).
      questions: roadsChallenge.questions.map(({ identifying: _identifying, ...q }) => q),
      // Award criteria and weights are public, as in public procurement.
      rubric: roadsChallenge.rubric,
      publishedAt: roadsChallenge.publishedAt,
      round: {
        id: laterRound.id,
        name: 'Spring call',
        opensAt: laterRound.opensAt,
        closesAt: laterRound.closesAt,
        timezone: 'Europe/London',
      },
      // The programme running it (its portal page and feed are under its slug).
      programme: { slug: 'default', name: 'Innovation programme' },
    });
    const text = JSON.stringify(res.body);
    for (const internal of [
      'version',
      'createdByUserId',
      'status',
      'identifying',
      'sponsorOrganisationId',
    ]) {
      expect(text).not.toContain(`"${internal}"`);
    }
  });

  it('serves one open challenge, with the round’s time zone', async () => {
    const res = await anonymous(`challenges/${healthChallenge.id}`).expect(200);
    expect(res.body).toMatchObject({
      id: healthChallenge.id,
      sponsor: { id: nhs.organisationId },
      round: { id: soonerRound.id, closesAt: soonerRound.closesAt, timezone: 'Europe/Dublin' },
    });
  });

  it('answers 404 for drafts, challenges awaiting approval, closed, withdrawn and unannounced ones', async () => {
    for (const [what, challenge] of Object.entries(hidden)) {
      const res = await anonymous(`challenges/${challenge.id}`);
      expect([what, res.status]).toEqual([what, 404]);
    }
    await anonymous(`challenges/${crypto.randomUUID()}`).expect(404);
  });

  it('needs no token, and shows the same with one', async () => {
    const startup = await h.make.startupMember();
    const res = await anonymous('challenges').set('authorization', startup.bearer).expect(200);
    expect(ids(res)).toEqual([healthChallenge.id, roadsChallenge.id]);
  });

  it('filters by tag, sponsor and text (stemmed)', async () => {
    expect(ids(await anonymous('challenges?tag=Health').expect(200))).toEqual([healthChallenge.id]);
    expect(
      ids(
        await anonymous(`challenges?sponsorOrganisationId=${council.organisationId}`).expect(200),
      ),
    ).toEqual([roadsChallenge.id]);
    expect(ids(await anonymous('challenges?q=flooding').expect(200))).toEqual([roadsChallenge.id]);
    expect(ids(await anonymous('challenges?q=appointment').expect(200))).toEqual([
      healthChallenge.id,
    ]);
    expect(ids(await anonymous('challenges?q=hidden').expect(200))).toEqual([]);
    await anonymous('challenges?sponsorOrganisationId=nope').expect(400);
    await anonymous('challenges?status=draft').expect(400);
  });

  it('pages with a cursor', async () => {
    const first = await anonymous('challenges?limit=1').expect(200);
    expect(ids(first)).toEqual([healthChallenge.id]);
    const second = await anonymous(`challenges?limit=1&cursor=${first.body.nextCursor}`).expect(
      200,
    );
    expect(ids(second)).toEqual([roadsChallenge.id]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('answers 400, never 500, to a forged cursor', async () => {
    const forged = Buffer.from(JSON.stringify(['1', crypto.randomUUID()])).toString('base64url');
    const res = await anonymous(`challenges?cursor=${forged}`).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('publishes an Atom feed of newly published challenges, newest first', async () => {
    const res = await anonymous('challenges.atom').expect(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const xml = res.text;
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    const entries = xml.split('<entry>').slice(1);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toContain(`urn:uuid:${healthChallenge.id}`);
    expect(entries[0]).toContain('Shorter waiting lists');
    expect(entries[0]).toMatch(
      new RegExp(`href="http://[^"]+/api/v1/public/challenges/${healthChallenge.id}"`),
    );
    expect(entries[1]).toContain(`urn:uuid:${roadsChallenge.id}`);
    expect(xml).not.toContain('Hidden');
  });

  it('builds the feed’s id and links from PUBLIC_URL, whatever Host the client sends', async () => {
    const xml = (
      await h.http().get('/api/v1/public/challenges.atom').set('host', 'evil.example').expect(200)
    ).text;
    expect(xml).not.toContain('evil.example');
    expect(xml).toContain('<id>http://localhost:3000/api/v1/public/challenges.atom</id>');
    expect(xml).toContain(
      `href="http://localhost:3000/api/v1/public/challenges/${healthChallenge.id}"`,
    );
  });

  it('sends ETag and Last-Modified and answers 304 to a client whose copy is current', async () => {
    const first = await anonymous('challenges.atom').expect(200);
    const etag = first.headers['etag'];
    const lastModified = first.headers['last-modified'];
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(new Date(lastModified).toISOString()).toBe(
      new Date(Math.floor(Date.parse(healthChallenge.publishedAt!) / 1000) * 1000).toISOString(),
    );
    const byTag = await h
      .http()
      .get('/api/v1/public/challenges.atom')
      .set('if-none-match', etag)
      .expect(304);
    expect(byTag.text ?? '').toBe('');
    expect(byTag.headers['etag']).toBe(etag);
    await h
      .http()
      .get('/api/v1/public/challenges.atom')
      .set('if-modified-since', lastModified)
      .expect(304);
    await h
      .http()
      .get('/api/v1/public/challenges.atom')
      .set('if-none-match', '"an-older-copy"')
      .set('if-modified-since', lastModified)
      .expect(200);
    await h
      .http()
      .get('/api/v1/public/challenges.atom')
      .set('if-modified-since', new Date(Date.parse(lastModified) - 1000).toUTCString())
      .expect(200);
  });

  it('drops a challenge once its round’s closing time passes, even before the round moves on', async () => {
    h.clock.advance(11 * DAY);
    try {
      expect(ids(await anonymous('challenges').expect(200))).toEqual([roadsChallenge.id]);
      await anonymous(`challenges/${healthChallenge.id}`).expect(404);
    } finally {
      h.clock.advance(-11 * DAY);
    }
  });

  it('is listed in the OpenAPI document as public (security: [])', async () => {
    const doc = (await h.http().get('/api/v1/openapi.json').expect(200)).body;
    expect(doc.paths['/api/v1/public/challenges'].get.security).toEqual([]);
    expect(doc.paths['/api/v1/public/challenges.atom']).toBeDefined();
    expect(doc.paths['/api/v1/challenges'].get.security).toEqual([{ bearer: [] }]);
    expect(doc.components.schemas.PublicChallengeView.properties).not.toHaveProperty('version');
  });
});

describe('the public portal’s query count', () => {
  const h = new Harness();
  beforeAll(async () => {
    await h.setup();
    await h.startApi();
  });
  afterAll(() => h.teardown());

  it('lists and feeds with a fixed number of SQL queries whatever the number of challenges', async () => {
    const pm = await h.make.programmeManager();
    const few = await h.make.sponsor();
    const many = await h.make.sponsor();
    const round = await createRound(h, pm, { status: 'open' });
    for (let i = 0; i < 2; i++) {
      await createChallenge(h, pm, round.id, few.organisationId, { status: 'published', pm });
    }
    for (let i = 0; i < 30; i++) {
      await createChallenge(h, pm, round.id, many.organisationId, { status: 'published', pm });
    }
    const list = (orgId: string) => () =>
      h
        .http()
        .get(`/api/v1/public/challenges?sponsorOrganisationId=${orgId}&limit=200`)
        .expect(200);
    const two = await countQueries(h.dataSource(), list(few.organisationId));
    const thirty = await countQueries(h.dataSource(), list(many.organisationId));
    expect(two.result.body.items).toHaveLength(2);
    expect(thirty.result.body.items).toHaveLength(30);
    expect(thirty.count).toBe(two.count);
    expect(thirty.count).toBe(1);

    const feed = await countQueries(h.dataSource(), () =>
      h.http().get('/api/v1/public/challenges.atom').expect(200),
    );
    expect(feed.result.text.split('<entry>')).toHaveLength(33);
    expect(feed.count).toBe(1);
  });

  it('carries sponsors’ plain text in the feed as text, escaped, with the deadline in the round’s zone', async () => {
    const pm = await h.make.programmeManager();
    const sponsor = await h.make.sponsor();
    await h
      .dataSource()
      .query(`UPDATE organisations SET name = $2 WHERE id = $1`, [
        sponsor.organisationId,
        'Roads & <Bridges>',
      ]);
    const round = await createRound(h, pm, {
      status: 'open',
      timezone: 'Europe/Dublin',
      closesAt: '2027-07-01T11:00:00Z',
    });
    const challenge = await createChallenge(h, sponsor, round.id, sponsor.organisationId, {
      title: 'Fix <b>potholes</b> & "bumps" ]]> now',
      summary: '<img src=x onerror=alert(1)> R&D welcome.',
      tags: ['a<b', 'r&d'],
      status: 'published',
      pm,
    });
    const xml = (await h.http().get('/api/v1/public/challenges.atom').expect(200)).text;
    const entry = xml.split('<entry>').find((e) => e.includes(challenge.id)) ?? '';
    // Plain text declared as HTML would render the sponsor's angle brackets as markup.
    expect(entry).not.toMatch(/<b>|<img|type="html"/);
    expect(entry).toContain(
      '<title type="text">Fix &lt;b&gt;potholes&lt;/b&gt; &amp; "bumps" ]]&gt; now</title>',
    );
    expect(entry).toContain('&lt;img src=x onerror=alert(1)&gt; R&amp;D welcome.');
    // 11:00 UTC on 1 July is 12:00 in Dublin (summer time).
    expect(entry).toContain('Applications close 1 July 2027, 12:00 (Europe/Dublin time).');
    expect(entry).toContain('<name>Roads &amp; &lt;Bridges&gt;</name>');
    // '<' is not allowed in an XML attribute value.
    expect(entry).not.toMatch(/="[^"]*</);
    expect(entry).toContain('term="a&lt;b"');
    expect(entry).toContain('term="r&amp;d"');
  });
});

describe('the Atom feed behind a configured PUBLIC_URL', () => {
  const h = new Harness({ env: { PUBLIC_URL: 'https://catalyst.example.org/innovation/' } });
  beforeAll(async () => {
    await h.setup();
    await h.startApi();
  });
  afterAll(() => h.teardown());

  it('uses PUBLIC_URL for the feed’s id and links', async () => {
    const xml = (await h.http().get('/api/v1/public/challenges.atom').expect(200)).text;
    expect(xml).toContain(
      '<id>https://catalyst.example.org/innovation/api/v1/public/challenges.atom</id>',
    );
    expect(xml).toContain(
      'rel="self" type="application/atom+xml" href="https://catalyst.example.org/innovation/api/v1/public/challenges.atom"',
    );
  });
});
