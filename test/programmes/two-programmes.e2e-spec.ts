import {
  ApplicationsFactory,
  Harness,
  STANDARD_QUESTIONS,
  TestUser,
  createChallenge,
  createRound,
  expectStatus,
} from '@catalyst/testing';
import type { RoundView } from '@catalyst/rounds';

const ADMIN_EMAIL = 'instance-admin@example.test';
const questions = () => STANDARD_QUESTIONS.map((q) => ({ ...q }));
const PASSWORD = 'a long and unguessable passphrase';

/**
 * Two programmes run by two operators on one instance: CivTech (the default programme of the
 * test database) and CAN DO, created by an instance administrator. Each programme manager
 * sees and changes only their own programme; companies and sponsors are shared; the public
 * portal shows both.
 */
describe('two programmes on one instance', () => {
  const h = new Harness({ env: { INSTANCE_ADMIN_EMAILS: ADMIN_EMAIL } });
  const applications = new ApplicationsFactory(h);
  let admin: TestUser;
  let pmA: TestUser;
  let pmB: { id: string; bearer: string };
  let sponsor: TestUser;
  let startup: TestUser;
  let programmeA: string;
  let programmeB: string;
  let operatorB: string;
  let roundA: RoundView;
  let roundB: RoundView;
  let challengeA: string;
  let challengeB: string;
  let applicationA: string;
  let applicationB: string;

  const as = (who: { bearer: string }) => ({
    get: (path: string) => h.http().get(`/api/v1${path}`).set('authorization', who.bearer),
    post: (path: string, body: object = {}) =>
      h.http().post(`/api/v1${path}`).set('authorization', who.bearer).send(body),
    patch: (path: string, body: object) =>
      h.http().patch(`/api/v1${path}`).set('authorization', who.bearer).send(body),
  });

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    pmA = await h.make.programmeManager();
    programmeA = (await h.make.defaultProgramme()).id;
    admin = await h.make.user('programme_manager', { email: ADMIN_EMAIL });
    sponsor = await h.make.sponsor();
    startup = await h.make.startupMember();
  });
  afterAll(() => h.teardown());

  describe('an instance administrator sets up the second programme', () => {
    it('refuses an operator organisation to a programme manager who is not one', async () => {
      const res = await as(pmA).post('/organisations', { name: 'CAN DO team', kind: 'operator' });
      expect(res.status).toBe(403);
    });

    it('creates the operator organisation and its programme, audited', async () => {
      const operator = expectStatus(
        await as(admin).post('/organisations', { name: 'CAN DO team', kind: 'operator' }),
        201,
      );
      operatorB = operator.body.id;
      const created = expectStatus(
        await as(admin).post('/programmes', {
          operatorOrganisationId: operatorB,
          name: 'CAN DO Innovation Challenge Fund',
          slug: 'can-do',
          shortDescription: 'Challenges from across the Scottish public sector',
          contactEmail: 'CanDo@Example.test',
          timezone: 'Europe/London',
          currency: 'GBP',
        }),
        201,
      );
      programmeB = created.body.id;
      expect(created.body).toMatchObject({
        operatorOrganisationId: operatorB,
        slug: 'can-do',
        contactEmail: 'cando@example.test',
        version: 1,
      });
      const audit = expectStatus(
        await as(admin).get(`/audit?entityType=programme&entityId=${programmeB}`),
        200,
      );
      expect(audit.body.items).toHaveLength(0); // the admin manages programme A only
      const [{ actor_id, programme_id }] = await h.ownerQuery<{
        actor_id: string;
        programme_id: string;
      }>(`SELECT actor_id, programme_id FROM audit_events WHERE action = 'programme.created'`);
      expect([actor_id, programme_id]).toEqual([admin.id, programmeB]);
    });

    it('refuses programmes to anyone else, a taken slug, and an organisation that is no operator', async () => {
      const body = { operatorOrganisationId: operatorB, name: 'Another', slug: 'another' };
      expect((await as(pmA).post('/programmes', body)).status).toBe(403);
      const taken = await as(admin).post('/programmes', { ...body, slug: 'can-do' });
      expect([taken.status, taken.body.code]).toEqual([409, 'programme.slug_taken']);
      const notOperator = await as(admin).post('/programmes', {
        ...body,
        operatorOrganisationId: sponsor.organisationId,
      });
      expect([notOperator.status, notOperator.body.code]).toEqual([
        422,
        'programme.operator_required',
      ]);
      const badSlug = await as(admin).post('/programmes', { ...body, slug: 'Not A Slug' });
      expect(badSlug.status).toBe(400);
      const badZone = await as(admin).post('/programmes', { ...body, timezone: 'Mars/Olympus' });
      expect(badZone.status).toBe(400);
      const [{ n }] = await h.ownerQuery<{ n: number }>(
        `SELECT count(*)::int AS n FROM programmes WHERE slug = 'another'`,
      );
      expect(n).toBe(0);
    });

    it('invites the operator’s first programme manager, who then manages that programme only', async () => {
      const invitation = expectStatus(
        await as(admin).post(`/organisations/${operatorB}/invitations`, {
          email: 'pm-b@example.test',
          role: 'programme_manager',
        }),
        201,
      );
      // Another operator's programme manager may not invite into it.
      const refused = await as(pmA).post(`/organisations/${operatorB}/invitations`, {
        email: 'x@example.test',
        role: 'programme_manager',
      });
      expect(refused.status).toBe(404);
      expectStatus(
        await h
          .http()
          .post(`/api/v1/invitations/${invitation.body.token}/accept`)
          .send({ name: 'CAN DO manager', password: PASSWORD }),
        201,
      );
      const login = expectStatus(
        await h
          .http()
          .post('/api/v1/auth/login')
          .send({ email: 'pm-b@example.test', password: PASSWORD }),
        200,
      );
      const me = expectStatus(
        await h.http().get('/api/v1/me').set('authorization', `Bearer ${login.body.accessToken}`),
        200,
      );
      pmB = { id: me.body.id, bearer: `Bearer ${login.body.accessToken}` };
    });

    it('lists to each programme manager the programmes they manage, and all to the administrator', async () => {
      const slugs = async (who: { bearer: string }) =>
        expectStatus(await as(who).get('/programmes'), 200).body.items.map(
          (p: { slug: string }) => p.slug,
        );
      expect(await slugs(pmA)).toEqual(['default']);
      expect(await slugs(pmB)).toEqual(['can-do']);
      expect((await slugs(admin)).sort()).toEqual(['can-do', 'default']);
      expect((await as(pmA).get(`/programmes/${programmeB}`)).status).toBe(404);
      expect((await as(pmB).patch(`/programmes/${programmeA}`, { name: 'Mine now' })).status).toBe(
        404,
      );
      expect((await as(startup).get('/programmes')).status).toBe(403);
      const me = async (who: { bearer: string }) =>
        expectStatus(await as(who).get('/me'), 200).body;
      expect(await me(pmB)).toMatchObject({
        instanceAdmin: false,
        programmes: [{ id: programmeB, slug: 'can-do', name: 'CAN DO Innovation Challenge Fund' }],
      });
      expect(await me(admin)).toMatchObject({ instanceAdmin: true });
      expect(await me(startup)).toMatchObject({ instanceAdmin: false, programmes: [] });
    });

    it('lets a programme’s manager edit its branding, audited in that programme', async () => {
      const res = expectStatus(
        await as(pmB)
          .patch(`/programmes/${programmeB}`, { websiteUrl: 'https://cando.example.test' })
          .set('if-match', '"1"'),
        200,
      );
      expect(res.body).toMatchObject({ websiteUrl: 'https://cando.example.test', version: 2 });
      const audit = expectStatus(
        await as(pmB).get(`/audit?entityType=programme&entityId=${programmeB}`),
        200,
      );
      expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
        'programme.updated',
        'programme.created',
      ]);
    });
  });

  describe('each programme manager runs their own programme', () => {
    beforeAll(async () => {
      roundA = await createRound(h, pmA, { name: 'CivTech 11', status: 'open' });
      roundB = await createRound(h, pmB as TestUser, { name: 'CAN DO 4', status: 'open' });
      challengeA = (
        await createChallenge(h, sponsor, roundA.id, sponsor.organisationId, {
          title: 'Bins that tell you when they are full',
          questions: questions(),
          status: 'published',
          pm: pmA,
        })
      ).id;
      challengeB = (
        await createChallenge(h, sponsor, roundB.id, sponsor.organisationId, {
          title: 'Potholes reported before they grow',
          questions: questions(),
          status: 'published',
          pm: pmB as TestUser,
        })
      ).id;
    });

    it('puts each round in its manager’s programme without being told which', () => {
      expect(roundA.programmeId).toBe(programmeA);
      expect(roundB.programmeId).toBe(programmeB);
    });

    it('refuses a round in a programme the caller does not manage (404)', async () => {
      const res = await as(pmA).post('/rounds', {
        programmeId: programmeB,
        name: 'Sneaky',
        opensAt: '2027-03-01T09:00:00Z',
        closesAt: '2027-04-01T12:00:00Z',
        acceleratorStartsOn: '2027-05-03',
        acceleratorEndsOn: '2027-08-20',
      });
      expect(res.status).toBe(404);
    });

    it('shows each manager only their own programme’s rounds (404 across)', async () => {
      const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((r) => r.id);
      expect(ids(expectStatus(await as(pmA).get('/rounds'), 200))).toEqual([roundA.id]);
      expect(ids(expectStatus(await as(pmB).get('/rounds'), 200))).toEqual([roundB.id]);
      expect((await as(pmA).get(`/rounds/${roundB.id}`)).status).toBe(404);
      expect((await as(pmA).patch(`/rounds/${roundB.id}`, { name: 'Renamed' })).status).toBe(404);
      const move = await as(pmA).post(`/rounds/${roundB.id}/transitions`, {
        to: 'cancelled',
        reason: 'not mine',
      });
      expect(move.status).toBe(404);
    });

    it('shows each manager only their own programme’s challenges (404 across)', async () => {
      const list = expectStatus(await as(pmA).get('/challenges'), 200);
      expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([challengeA]);
      expect((await as(pmA).get(`/challenges/${challengeB}`)).status).toBe(404);
      const withdraw = await as(pmA).post(`/challenges/${challengeB}/transitions`, {
        to: 'withdrawn',
        reason: 'not mine',
      });
      expect(withdraw.status).toBe(404);
    });

    it('shares the sponsor and the startup: both see both programmes’ rounds and challenges', async () => {
      for (const who of [sponsor, startup]) {
        const rounds = expectStatus(await as(who).get('/rounds'), 200);
        expect(rounds.body.items.map((r: { id: string }) => r.id).sort()).toEqual(
          [roundA.id, roundB.id].sort(),
        );
        const challenges = expectStatus(await as(who).get('/challenges'), 200);
        expect(challenges.body.items.map((c: { id: string }) => c.id).sort()).toEqual(
          [challengeA, challengeB].sort(),
        );
      }
    });

    it('lets one startup apply to both programmes', async () => {
      applicationA = (await applications.submitted(startup, challengeA)).id;
      applicationB = (await applications.submitted(startup, challengeB)).id;
      const mine = expectStatus(await as(startup).get('/applications'), 200);
      expect(mine.body.items.map((a: { id: string }) => a.id).sort()).toEqual(
        [applicationA, applicationB].sort(),
      );
    });

    it('shows each manager only their own programme’s applications, and lets them decide only there', async () => {
      const listA = expectStatus(await as(pmA).get('/applications'), 200);
      expect(listA.body.items.map((a: { id: string }) => a.id)).toEqual([applicationA]);
      const mineInB = expectStatus(
        await as(startup).get(`/applications?programmeId=${programmeB}`),
        200,
      );
      expect(mineInB.body.items.map((a: { id: string }) => a.id)).toEqual([applicationB]);
      const challengesInA = expectStatus(
        await as(sponsor).get(`/challenges?programmeId=${programmeA}`),
        200,
      );
      expect(challengesInA.body.items.map((c: { id: string }) => c.id)).toEqual([challengeA]);
      const listB = expectStatus(await as(pmB).get('/applications'), 200);
      expect(listB.body.items.map((a: { id: string }) => a.id)).toEqual([applicationB]);
      expect((await as(pmA).get(`/applications/${applicationB}`)).status).toBe(404);
      const screen = await as(pmA).post(`/applications/${applicationB}/transitions`, {
        to: 'ineligible',
        reason: 'not mine',
      });
      expect(screen.status).toBe(404);
      const own = expectStatus(await as(pmB).get(`/applications/${applicationB}`), 200);
      expect(own.body.allowedTransitions.map((t: { to: string }) => t.to)).toContain('ineligible');
    });

    it('keeps panels, progress and rankings to their own programme (404 across)', async () => {
      for (const path of ['assessors', 'conflicts', 'review-progress', 'ranking']) {
        expect((await as(pmA).get(`/challenges/${challengeB}/${path}`)).status).toBe(404);
        expectStatus(await as(pmB).get(`/challenges/${challengeB}/${path}`), 200);
      }
      const assign = await as(pmA).post(`/challenges/${challengeB}/assignments`, {
        perApplication: 1,
      });
      expect(assign.status).toBe(404);
    });

    it('keeps each audit trail to its programme, with the instance-level events shared', async () => {
      const actions = async (who: { bearer: string }, query: string) =>
        expectStatus(await as(who).get(`/audit?limit=100${query}`), 200).body.items.map(
          (e: { entityId: string; programmeId: string | null }) => e,
        );
      const seenByA = await actions(pmA, '');
      expect(seenByA.some((e: { entityId: string }) => e.entityId === roundA.id)).toBe(true);
      expect(seenByA.some((e: { entityId: string }) => e.entityId === roundB.id)).toBe(false);
      expect(seenByA.some((e: { entityId: string }) => e.entityId === applicationB)).toBe(false);
      expect(
        seenByA.every((e: { programmeId: string | null }) =>
          [null, programmeA].includes(e.programmeId),
        ),
      ).toBe(true);
      expect(await actions(pmA, `&entityType=application&entityId=${applicationB}`)).toEqual([]);
      const ofB = await actions(pmB, `&entityType=application&entityId=${applicationB}`);
      expect(ofB.length).toBeGreaterThan(0);
      const filtered = await actions(pmB, `&programmeId=${programmeB}`);
      expect(filtered.every((e: { programmeId: string }) => e.programmeId === programmeB)).toBe(
        true,
      );
    });

    it('records every programme event with its programme', async () => {
      const [{ n }] = await h.ownerQuery<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_events
          WHERE entity_type IN ('round', 'challenge', 'application', 'assessment', 'team')
            AND programme_id IS NULL`,
      );
      expect(n).toBe(0);
    });

    it('keeps another operator’s staff out of a programme manager’s reach', async () => {
      expect((await as(pmA).get(`/organisations/${operatorB}`)).status).toBe(404);
      const reset = await as(pmA).post(`/users/${pmB.id}/password-resets`);
      expect(reset.status).toBe(404);
      const orgs = expectStatus(await as(pmA).get('/organisations?limit=100'), 200);
      expect(orgs.body.items.map((o: { id: string }) => o.id)).not.toContain(operatorB);
      expect(orgs.body.items.map((o: { id: string }) => o.id)).toContain(sponsor.organisationId);
    });

    it('never lets a round move to another programme, nor a child disagree with its parent', async () => {
      await expect(
        h.ownerQuery('UPDATE rounds SET programme_id = $1 WHERE id = $2', [programmeB, roundA.id]),
      ).rejects.toThrow(/never moves/);
      await expect(
        h.ownerQuery('UPDATE applications SET programme_id = $1 WHERE id = $2', [
          programmeB,
          applicationA,
        ]),
      ).rejects.toThrow(/parent's programme/);
    });
  });

  describe('the open innovation portal', () => {
    const open = (path: string) => h.http().get(`/api/v1/public${path}`);
    const titles = (res: { body: { items: { title: string }[] } }) =>
      res.body.items.map((c) => c.title).sort();

    it('lists both programmes with their open challenges', async () => {
      const res = expectStatus(await open('/programmes'), 200);
      expect(
        res.body.items.map((p: { slug: string; openChallenges: number }) => [
          p.slug,
          p.openChallenges,
        ]),
      ).toEqual([
        ['can-do', 1],
        ['default', 1],
      ]);
      const one = expectStatus(await open('/programmes/can-do'), 200);
      expect(one.body).toMatchObject({
        name: 'CAN DO Innovation Challenge Fund',
        websiteUrl: 'https://cando.example.test',
      });
      expect((await open('/programmes/no-such-programme')).status).toBe(404);
    });

    it('aggregates every programme’s open challenges, filterable by programme', async () => {
      const all = expectStatus(await open('/challenges'), 200);
      expect(titles(all)).toEqual([
        'Bins that tell you when they are full',
        'Potholes reported before they grow',
      ]);
      expect(
        all.body.items.map((c: { programme: { slug: string } }) => c.programme.slug).sort(),
      ).toEqual(['can-do', 'default']);
      const filtered = expectStatus(await open('/challenges?programme=can-do'), 200);
      expect(titles(filtered)).toEqual(['Potholes reported before they grow']);
      const page = expectStatus(await open('/programmes/default/challenges'), 200);
      expect(titles(page)).toEqual(['Bins that tell you when they are full']);
      expect((await open('/programmes/nope/challenges')).status).toBe(404);
    });

    it('serves a feed per programme', async () => {
      const feed = expectStatus(await open('/programmes/can-do/challenges.atom'), 200);
      expect(feed.headers['content-type']).toContain('application/atom+xml');
      expect(feed.text).toContain('CAN DO Innovation Challenge Fund: newly published challenges');
      expect(feed.text).toContain('Potholes reported before they grow');
      expect(feed.text).not.toContain('Bins that tell you');
      expect(feed.text).toContain('/api/v1/public/programmes/can-do/challenges.atom');
      const everything = expectStatus(await open('/challenges.atom'), 200);
      expect(everything.text).toContain('Bins that tell you');
      expect(everything.text).toContain('Potholes reported');
      const missing = await open('/programmes/nope/challenges.atom');
      expect(missing.status).toBe(404);
    });
  });
});
