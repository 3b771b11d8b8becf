import {
  ApplicationQueryService,
  CohortService,
  CreateApplicationService,
  UpdateApplicationService,
} from '@catalyst/applications';
import { ForbiddenError, NotFoundError } from '@catalyst/common';
import { Actor, ActorService } from '@catalyst/identity';
import type { Round } from '@catalyst/rounds';
import {
  ApplicationsFactory,
  Harness,
  MatrixCall,
  MatrixRow,
  TestUser,
  VALID_ANSWERS,
  expectMatrixStatus,
  matrixCases,
} from '@catalyst/testing';

jest.setTimeout(60_000);

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
 * Applications and the cohort, role × action × own/other organisation × own/other programme.
 * Every round is in the default programme, which `pm` manages; `otherPm` is a programme
 * manager of a second operator running a second programme: everything here is 404 to them,
 * except where a startup-only role gate answers 403 first (as it does for `pm`).
 * The sponsor and the assessor belong to `council`, whose challenges are "own"; `otherCouncil` owns the others.
 * The startup member belongs to `acme` ("own" company); `rival` is another company. Each case
 * builds its own challenge and application. Routes gated by role (`@Roles('startup_member')`
 * on apply and edit) answer 403 before the service; the direct calls at the end show the
 * services refusing by themselves.
 */
describe('applications and cohort access: role × action', () => {
  const h = new Harness();
  const users = {} as Record<Who, TestUser>;
  let rivalMember: TestUser;
  let f: ApplicationsFactory;
  let council: string;
  let otherCouncil: string;
  let openRound: Round;
  let draftRound: Round;

  const challenge = async (org: 'own' | 'other') =>
    (
      await f.challenge(openRound, {
        sponsorOrganisationId: org === 'own' ? council : otherCouncil,
      })
    ).id;
  /** An application by `company` to a new challenge of `org`, walked to `status`. */
  const application = async (
    company: 'own' | 'other',
    org: 'own' | 'other',
    status: 'draft' | 'submitted',
  ) => {
    const applicant = company === 'own' ? users.startup : rivalMember;
    const app = await f.draft(applicant, await challenge(org));
    if (status === 'submitted') {
      const res = await f.move(applicant, app.id, 'submitted');
      if (res.status !== 200) throw new Error(`submit failed: ${res.status} ${res.text}`);
    }
    return app.id;
  };

  const MATRIX: MatrixRow<Who>[] = [
    [
      'apply to a published challenge',
      async () => ({
        method: 'post',
        path: `/challenges/${await challenge('own')}/applications`,
        body: { answers: VALID_ANSWERS },
      }),
      row(403, 403, 403, 403, 201),
    ],
    [
      'read own company’s draft',
      async () => read(await application('own', 'own', 'draft')),
      row(200, 404, 404, 404, 200),
    ],
    [
      'read another company’s draft to own organisation’s challenge',
      async () => read(await application('other', 'own', 'draft')),
      row(200, 404, 404, 404, 404),
    ],
    [
      'read another company’s submitted application to own organisation’s challenge',
      async () => read(await application('other', 'own', 'submitted')),
      row(200, 404, 200, 404, 404),
    ],
    [
      'read another company’s submitted application to another organisation’s challenge',
      async () => read(await application('other', 'other', 'submitted')),
      row(200, 404, 404, 404, 404),
    ],
    [
      'edit own company’s draft',
      async () => edit(await application('own', 'own', 'draft')),
      row(403, 403, 403, 403, 200),
    ],
    [
      'edit another company’s draft',
      async () => edit(await application('other', 'own', 'draft')),
      row(403, 403, 403, 403, 404),
    ],
    [
      'submit own company’s draft',
      async () => move(await application('own', 'own', 'draft'), 'submitted'),
      row(403, 404, 404, 404, 200),
    ],
    [
      'screen out a submitted application to own organisation’s challenge',
      async () => move(await application('other', 'own', 'submitted'), 'ineligible', 'Off topic'),
      row(200, 404, 403, 404, 404),
    ],
    [
      'withdraw another company’s submitted application',
      async () => move(await application('other', 'own', 'submitted'), 'withdrawn', 'Not ours'),
      row(403, 404, 403, 404, 404),
    ],
    [
      'read the cohort of an open round',
      () => ({ method: 'get', path: `/rounds/${openRound.id}/cohort` }),
      row(200, 404, 200, 200, 200),
    ],
    [
      'read the cohort of a draft round',
      () => ({ method: 'get', path: `/rounds/${draftRound.id}/cohort` }),
      row(200, 404, 200, 404, 404),
    ],
  ];

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    f = new ApplicationsFactory(h);
    council = (await h.make.organisation('sponsor')).id;
    otherCouncil = (await h.make.organisation('sponsor')).id;
    users.pm = await h.make.programmeManager();
    const second = await h.make.programme();
    users.otherPm = await h.make.programmeManager(second.operatorOrganisationId);
    users.sponsor = await h.make.sponsor(council);
    users.assessor = await h.make.assessor(council);
    users.startup = await h.make.startupMember();
    rivalMember = await h.make.startupMember();
    openRound = await f.round();
    draftRound = await f.round({ status: 'draft' });
  }, 60_000);
  afterAll(() => h.teardown());

  it.each(matrixCases(MATRIX, WHO))('%s as %s → %i', (_action, who, status, request) =>
    expectMatrixStatus(h, users[who], request, status),
  );

  it('lists none of the first programme’s applications to another programme’s manager, however they filter', async () => {
    const challengeId = await challenge('own');
    const submitted = (await f.submitted(rivalMember, challengeId)).id;
    const ids = async (who: Who, path: string) => {
      const res = await h.http().get(`/api/v1${path}`).set('authorization', users[who].bearer);
      expect([path, res.status]).toEqual([path, 200]);
      return (res.body.items as { id: string }[]).map((a) => a.id);
    };
    for (const path of [
      '/applications?limit=200',
      `/applications?challengeId=${challengeId}`,
      '/applications?status=submitted',
    ]) {
      expect(await ids('otherPm', path)).not.toContain(submitted);
      expect(await ids('pm', path)).toContain(submitted);
    }
  });

  describe('the services refuse on their own, without the HTTP layer', () => {
    const actorOf = async (user: TestUser): Promise<Actor> =>
      (await h.api!.get(ActorService).load(user.id)) as Actor;

    it('refuses a sponsor who applies', async () => {
      const challengeId = await challenge('own');
      await expect(
        h.api!.get(CreateApplicationService).create(await actorOf(users.sponsor), challengeId, {}),
      ).rejects.toThrow(ForbiddenError);
    });

    it('refuses a programme manager who edits a company’s answers', async () => {
      const id = await application('own', 'own', 'draft');
      await expect(
        h.api!.get(UpdateApplicationService).update(await actorOf(users.pm), id, {}, undefined),
      ).rejects.toThrow(ForbiddenError);
    });

    it('hides the first programme’s applications and cohorts from another programme’s manager', async () => {
      const otherPm = await actorOf(users.otherPm);
      const id = await application('other', 'own', 'submitted');
      await expect(h.api!.get(ApplicationQueryService).get(otherPm, id)).rejects.toThrow(
        NotFoundError,
      );
      await expect(h.api!.get(CohortService).list(otherPm, openRound.id, {})).rejects.toThrow(
        NotFoundError,
      );
    });

    it('hides a draft round’s cohort from a startup member', async () => {
      await expect(
        h.api!.get(CohortService).list(await actorOf(users.startup), draftRound.id, {}),
      ).rejects.toThrow(NotFoundError);
    });
  });
});

function read(id: string): MatrixCall {
  return { method: 'get', path: `/applications/${id}` };
}

function edit(id: string): MatrixCall {
  return {
    method: 'patch',
    path: `/applications/${id}`,
    body: { answers: { approach: 'Better' } },
  };
}

function move(id: string, to: string, reason?: string): MatrixCall {
  return {
    method: 'post',
    path: `/applications/${id}/transitions`,
    body: reason ? { to, reason } : { to },
  };
}
