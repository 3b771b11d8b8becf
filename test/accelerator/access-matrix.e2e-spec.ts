import { Round } from '@catalyst/rounds';
import {
  AcceleratorTeam,
  EVIDENCE,
  Harness,
  MatrixCall,
  MatrixRow,
  TestUser,
  acceleratorTeam,
  addMilestone,
  agreePlan,
  expectMatrixStatus,
  matrixCases,
  moveMilestone,
} from '@catalyst/testing';

type Who =
  'pm' | 'sponsor' | 'team' | 'otherSponsor' | 'otherStartup' | 'assessor' | 'otherProgrammesPm';
const WHO: Who[] = [
  'pm',
  'sponsor',
  'team',
  'otherSponsor',
  'otherStartup',
  'assessor',
  'otherProgrammesPm',
];
const row = (
  pm: number,
  sponsor: number,
  team: number,
  otherSponsor: number,
  otherStartup: number,
  assessor: number,
  otherProgrammesPm: number,
) => ({ pm, sponsor, team, otherSponsor, otherStartup, assessor, otherProgrammesPm });

/**
 * The accelerator's routes, role × action: `sponsor` is a member of the team's sponsor
 * organisation, `team` of its company; `otherSponsor` and `otherStartup` belong to another
 * team of the same round; `assessor` to no team; `otherProgrammesPm` manages another programme
 * (to whom this programme's round and teams do not exist). Each case builds what it needs on a fresh
 * milestone of the one team.
 */
describe('accelerator access: role × action', () => {
  const h = new Harness();
  const users = {} as Record<Who, TestUser>;
  let x: AcceleratorTeam;

  const milestone = async (status: 'planned' | 'submitted' | 'accepted' = 'planned') => {
    const m = await addMilestone(h, users.sponsor, x.team.id, {
      payment: { amountMinor: 100, currency: 'GBP' },
    });
    if (status !== 'planned') await moveMilestone(h, users.team, m.id, 'submitted', EVIDENCE);
    if (status === 'accepted') await moveMilestone(h, users.sponsor, m.id, 'accepted');
    return m.id;
  };
  const move = async (
    to: string,
    status: 'planned' | 'submitted',
    extra = {},
  ): Promise<MatrixCall> => ({
    method: 'post',
    path: `/milestones/${await milestone(status)}/transitions`,
    body: { to, ...extra },
  });

  // One case regenerates the calendar: read the current first sprint at each call.
  const firstSprint = async () =>
    (
      await h
        .dataSource()
        .query<{ id: string }[]>('SELECT id FROM sprints WHERE round_id = $1 AND number = 1', [
          x.team.roundId,
        ])
    )[0].id;

  const MATRIX: MatrixRow<Who>[] = [
    [
      'generate sprints',
      () => ({
        method: 'post',
        path: `/rounds/${x.team.roundId}/sprints`,
        body: { lengthDays: 14 },
      }),
      row(201, 403, 403, 403, 403, 403, 404),
    ],
    [
      'read sprints',
      () => ({ method: 'get', path: `/rounds/${x.team.roundId}/sprints` }),
      row(200, 200, 200, 200, 200, 200, 404),
    ],
    [
      'read round progress',
      () => ({ method: 'get', path: `/rounds/${x.team.roundId}/progress` }),
      row(200, 200, 200, 200, 200, 200, 404),
    ],
    [
      'list teams',
      () => ({ method: 'get', path: `/teams?roundId=${x.team.roundId}` }),
      // A list answers what the caller may see: nothing, for another programme's manager.
      row(200, 200, 200, 200, 200, 200, 200),
    ],
    [
      'read the team',
      () => ({ method: 'get', path: `/teams/${x.team.id}` }),
      row(200, 200, 200, 404, 404, 404, 404),
    ],
    [
      'list its milestones',
      () => ({ method: 'get', path: `/teams/${x.team.id}/milestones` }),
      row(200, 200, 200, 404, 404, 404, 404),
    ],
    [
      'add a milestone (agreed plan)',
      () => ({
        method: 'post',
        path: `/teams/${x.team.id}/milestones`,
        body: { title: 'New', dueOn: '2027-06-01', reason: 'Agreed at the review' },
      }),
      row(201, 201, 409, 404, 404, 404, 404),
    ],
    [
      'read a milestone',
      async () => ({ method: 'get', path: `/milestones/${await milestone()}` }),
      row(200, 200, 200, 404, 404, 404, 404),
    ],
    [
      'edit a milestone title',
      async () => ({
        method: 'patch',
        path: `/milestones/${await milestone()}`,
        body: { title: 'Renamed' },
      }),
      row(200, 200, 200, 404, 404, 404, 404),
    ],
    [
      'submit a milestone',
      () => move('submitted', 'planned', EVIDENCE),
      row(200, 403, 200, 404, 404, 404, 404),
    ],
    [
      'accept a milestone',
      () => move('accepted', 'submitted'),
      row(200, 200, 403, 404, 404, 404, 404),
    ],
    [
      'ask for changes',
      () => move('changes_requested', 'submitted', { reason: 'More data' }),
      row(200, 200, 403, 404, 404, 404, 404),
    ],
    [
      'record a payment',
      async () => ({
        method: 'post',
        path: `/milestones/${await milestone('accepted')}/payment`,
        body: { paidOn: '2027-01-15', reference: 'PO-9' },
      }),
      row(200, 403, 403, 403, 403, 403, 404),
    ],
    [
      'reopen the plan',
      () => ({
        method: 'post',
        path: `/teams/${x.team.id}/plan/transitions`,
        body: { to: 'proposed' },
      }),
      row(409, 403, 409, 404, 404, 404, 404),
    ],
    [
      'list its progress updates',
      () => ({ method: 'get', path: `/teams/${x.team.id}/updates` }),
      row(200, 200, 200, 404, 404, 404, 404),
    ],
    [
      'log progress',
      async () => ({
        method: 'post',
        path: `/teams/${x.team.id}/updates`,
        body: { rag: 'green', summary: 'Fine', sprintId: await firstSprint() },
      }),
      row(403, 403, 201, 404, 404, 404, 404),
    ],
  ];

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    users.pm = await h.make.programmeManager();
    x = await acceleratorTeam(h, { pm: users.pm });
    users.sponsor = x.sponsor;
    users.team = x.member;
    const round = await h.dataSource().getRepository(Round).findOneByOrFail({ id: x.team.roundId });
    const other = await acceleratorTeam(h, { pm: users.pm, round });
    users.otherSponsor = other.sponsor;
    users.otherStartup = other.member;
    users.assessor = await h.make.assessor();
    const elsewhere = await h.make.programme();
    users.otherProgrammesPm = await h.make.programmeManager(elsewhere.operatorOrganisationId);
    await addMilestone(h, users.team, x.team.id);
    await agreePlan(h, users.team, users.sponsor, x.team.id);
    await h
      .http()
      .post(`/api/v1/rounds/${x.team.roundId}/sprints`)
      .set('authorization', users.pm.bearer)
      .send({ lengthDays: 14 })
      .expect(201);
  });
  afterAll(() => h.teardown());

  it.each(matrixCases(MATRIX, WHO))('%s as %s → %i', async (_action, who, status, request) => {
    await expectMatrixStatus(h, users[who], request, status);
  });

  it('lists no team of another programme to its managers', async () => {
    const res = await h
      .http()
      .get(`/api/v1/teams?roundId=${x.team.roundId}`)
      .set('authorization', users.otherProgrammesPm.bearer)
      .expect(200);
    expect(res.body.items).toEqual([]);
  });
});
