import { ForbiddenError, NotFoundError } from '@catalyst/common';
import { Actor, ActorService } from '@catalyst/identity';
import {
  ChallengeStatus,
  ChallengesService,
  RoundStatus,
  RoundsService,
  UpdateChallengeService,
} from '@catalyst/rounds';
import {
  Harness,
  MatrixCall,
  MatrixRow,
  TestUser,
  challengeBody,
  createChallenge,
  createRound,
  expectMatrixStatus,
  matrixCases,
  roundBody,
} from '@catalyst/testing';

type Who = 'pm' | 'otherPm' | 'sponsor' | 'assessor' | 'startup';
const WHO: Who[] = ['pm', 'otherPm', 'sponsor', 'assessor', 'startup'];
const row = (pm: number, otherPm: number, sponsor: number, assessor: number, startup: number) => ({
  pm,
  otherPm,
  sponsor,
  assessor,
  startup,
});

/**
 * Rounds and challenges, role × action × own/other organisation × own/other programme. Every
 * round and challenge is in the default programme: `pm` manages it (own programme), `otherPm`
 * is a programme manager of a second operator running a second programme, to whom everything
 * of the first is 404 (they pass the programme managers' role gate, then the policy hides the
 * thing; creating a round puts it in their own programme). The sponsor and the assessor
 * belong to `council` (own); `otherCouncil` is another public body; the startup member to
 * `acme`. Each case builds its own round or challenge, as the programme manager. Routes with a
 * role gate (`@Roles`) answer 403 before the service is reached; the direct service calls
 * below show the service refusing by itself (404 where the caller may not see the thing).
 */
jest.setTimeout(60_000);

describe('rounds and challenges access: role × action', () => {
  const h = new Harness();
  const users = {} as Record<Who, TestUser>;
  let council: string;
  let otherCouncil: string;
  let openRound: string;
  let otherProgramme: string;

  const round = async (status: RoundStatus) => (await createRound(h, users.pm, { status })).id;
  const challenge = async (org: 'own' | 'other', status: ChallengeStatus) =>
    (
      await createChallenge(h, users.pm, openRound, org === 'own' ? council : otherCouncil, {
        status,
        pm: users.pm,
      })
    ).id;

  const MATRIX: MatrixRow<Who>[] = [
    [
      'create a round',
      () => ({ method: 'post', path: '/rounds', body: roundBody(h) }),
      row(201, 201, 403, 403, 403),
    ],
    [
      'read a draft round',
      async () => ({ method: 'get', path: `/rounds/${await round('draft')}` }),
      row(200, 404, 200, 404, 404),
    ],
    [
      'read an open round',
      () => ({ method: 'get', path: `/rounds/${openRound}` }),
      row(200, 404, 200, 200, 200),
    ],
    [
      'edit a draft round',
      async () => ({
        method: 'patch',
        path: `/rounds/${await round('draft')}`,
        body: { name: 'Renamed round' },
      }),
      row(200, 404, 403, 403, 403),
    ],
    [
      'open a draft round',
      async () => transition(`/rounds/${await round('draft')}`, 'open'),
      row(200, 404, 403, 403, 403),
    ],
    [
      'propose a challenge for own sponsor organisation',
      () => propose(() => council),
      row(201, 404, 201, 403, 403),
    ],
    [
      'propose a challenge for another sponsor organisation',
      () => propose(() => otherCouncil),
      row(201, 404, 403, 403, 403),
    ],
    [
      'read own draft challenge',
      async () => ({ method: 'get', path: `/challenges/${await challenge('own', 'draft')}` }),
      row(200, 404, 200, 404, 404),
    ],
    [
      'read another organisation’s draft challenge',
      async () => ({ method: 'get', path: `/challenges/${await challenge('other', 'draft')}` }),
      row(200, 404, 404, 404, 404),
    ],
    [
      'read another organisation’s published challenge',
      async () => ({ method: 'get', path: `/challenges/${await challenge('other', 'published')}` }),
      row(200, 404, 200, 200, 200),
    ],
    [
      'edit own draft challenge',
      async () => edit(await challenge('own', 'draft')),
      row(200, 404, 200, 403, 403),
    ],
    [
      'edit another organisation’s draft challenge',
      async () => edit(await challenge('other', 'draft')),
      row(200, 404, 404, 403, 403),
    ],
    [
      'edit own published challenge',
      async () => edit(await challenge('own', 'published')),
      row(200, 404, 403, 403, 403),
    ],
    [
      'submit own draft challenge',
      async () => transition(`/challenges/${await challenge('own', 'draft')}`, 'submitted'),
      row(200, 404, 200, 403, 403),
    ],
    [
      'approve own submitted challenge',
      async () => transition(`/challenges/${await challenge('own', 'submitted')}`, 'approved'),
      row(200, 404, 403, 403, 403),
    ],
    [
      'publish another organisation’s approved challenge',
      async () => transition(`/challenges/${await challenge('other', 'approved')}`, 'published'),
      row(200, 404, 404, 403, 403),
    ],
    [
      'withdraw own published challenge',
      async () =>
        transition(`/challenges/${await challenge('own', 'published')}`, 'withdrawn', 'No budget'),
      row(200, 404, 200, 403, 403),
    ],
  ];

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    council = (await h.make.organisation('sponsor')).id;
    otherCouncil = (await h.make.organisation('sponsor')).id;
    users.pm = await h.make.programmeManager();
    const second = await h.make.programme();
    otherProgramme = second.id;
    users.otherPm = await h.make.programmeManager(second.operatorOrganisationId);
    users.sponsor = await h.make.sponsor(council);
    users.assessor = await h.make.assessor(council);
    users.startup = await h.make.startupMember();
    openRound = await round('open');
  }, 60_000);
  afterAll(() => h.teardown());

  it.each(matrixCases(MATRIX, WHO))('%s as %s → %i', (_action, who, status, request) =>
    expectMatrixStatus(h, users[who], request, status),
  );

  describe('a programme manager of another programme', () => {
    const as = (who: Who, path: string) =>
      h.http().get(`/api/v1${path}`).set('authorization', users[who].bearer);
    const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);

    it('creates rounds in their own programme only', async () => {
      const created = await createRound(h, users.otherPm);
      expect(created.programmeId).toBe(otherProgramme);
      const res = await h
        .http()
        .post('/api/v1/rounds')
        .set('authorization', users.otherPm.bearer)
        .send({ ...roundBody(h), programmeId: (await h.make.defaultProgramme()).id });
      expect([res.status, res.body.code]).toEqual([404, 'programme.not_found']);
    });

    it('lists none of the first programme’s rounds and challenges, however they filter', async () => {
      const published = await challenge('own', 'published');
      const draft = await challenge('other', 'draft');
      const firstProgramme = (await h.make.defaultProgramme()).id;
      for (const path of [
        '/rounds?limit=200',
        `/rounds?programmeId=${firstProgramme}`,
        '/challenges?limit=200',
        `/challenges?roundId=${openRound}`,
        `/challenges?sponsorOrganisationId=${council}`,
      ]) {
        const res = await as('otherPm', path);
        expect([path, res.status]).toEqual([path, 200]);
        const seen = ids(res.body);
        expect(seen).not.toContain(openRound);
        expect(seen).not.toContain(published);
        expect(seen).not.toContain(draft);
      }
      // The same lists do show them to the programme's own manager.
      expect(ids((await as('pm', '/rounds?limit=200')).body)).toContain(openRound);
      expect(ids((await as('pm', '/challenges?limit=200')).body)).toEqual(
        expect.arrayContaining([published, draft]),
      );
    });
  });

  describe('the services refuse on their own, without the HTTP layer', () => {
    const actorOf = async (who: Who): Promise<Actor> =>
      (await h.api!.get(ActorService).load(users[who].id)) as Actor;

    it('refuses a sponsor who creates a round', async () => {
      const dto = roundBody(h) as never;
      await expect(h.api!.get(RoundsService).create(await actorOf('sponsor'), dto)).rejects.toThrow(
        ForbiddenError,
      );
    });

    it('hides a draft round and a draft challenge from a startup member', async () => {
      const startup = await actorOf('startup');
      await expect(h.api!.get(RoundsService).get(startup, await round('draft'))).rejects.toThrow(
        NotFoundError,
      );
      await expect(
        h.api!.get(ChallengesService).get(startup, await challenge('own', 'draft')),
      ).rejects.toThrow(NotFoundError);
    });

    it('hides the first programme’s rounds and challenges from another programme’s manager', async () => {
      const otherPm = await actorOf('otherPm');
      await expect(h.api!.get(RoundsService).get(otherPm, openRound)).rejects.toThrow(
        NotFoundError,
      );
      await expect(
        h.api!.get(ChallengesService).get(otherPm, await challenge('own', 'published')),
      ).rejects.toThrow(NotFoundError);
      await expect(
        h
          .api!.get(UpdateChallengeService)
          .update(otherPm, await challenge('own', 'draft'), { title: 'X' }),
      ).rejects.toThrow(NotFoundError);
    });

    it('refuses an assessor who edits their organisation’s published challenge', async () => {
      const id = await challenge('own', 'published');
      await expect(
        h.api!.get(UpdateChallengeService).update(await actorOf('assessor'), id, { title: 'X' }),
      ).rejects.toThrow(ForbiddenError);
    });
  });

  function propose(org: () => string): MatrixCall {
    return {
      method: 'post',
      path: `/rounds/${openRound}/challenges`,
      body: challengeBody(org()),
    };
  }
});

function edit(id: string): MatrixCall {
  return { method: 'patch', path: `/challenges/${id}`, body: { title: 'A better title' } };
}

function transition(path: string, to: string, reason?: string): MatrixCall {
  return { method: 'post', path: `${path}/transitions`, body: reason ? { to, reason } : { to } };
}
