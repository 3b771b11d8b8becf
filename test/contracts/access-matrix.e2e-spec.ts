import { Round } from '@catalyst/rounds';
import {
  AcceleratorTeam,
  Harness,
  MatrixCall,
  MatrixRow,
  TestUser,
  acceleratorTeam,
  awardedContract,
  createContract,
  expectMatrixStatus,
  expectStatus,
  gbp,
  matrixCases,
  payContract,
} from '@catalyst/testing';

type Who =
  | 'pm'
  | 'buyer'
  | 'sponsor'
  | 'startup'
  | 'otherStartup'
  | 'otherBuyer'
  | 'assessor'
  | 'otherProgrammesPm';
const WHO: Who[] = [
  'pm',
  'buyer',
  'sponsor',
  'startup',
  'otherStartup',
  'otherBuyer',
  'assessor',
  'otherProgrammesPm',
];
const row = (...s: number[]) =>
  Object.fromEntries(WHO.map((w, i) => [w, s[i]])) as Record<Who, number>;

/**
 * Contracts, role × action. The contract is between the team's company (`startup`) and
 * another public body adopting the product (`buyer`), linked to the team, whose sponsor
 * (`sponsor`) is the original sponsor; `otherStartup` and `otherBuyer` are the parties of
 * another team's contract in the same round; `assessor` belongs to no contract;
 * `otherProgrammesPm` manages another programme. Each case builds a fresh contract.
 */
describe('contracts access: role × action', () => {
  const h = new Harness();
  const users = {} as Record<Who, TestUser>;
  let x: AcceleratorTeam;
  let buyerOrganisationId: string;
  let references = 0;

  const terms = () => ({
    buyerOrganisationId,
    startupOrganisationId: x.team.startupOrganisationId,
    teamId: x.team.id,
  });
  const draft = async () => (await createContract(h, users.pm, terms())).id;
  const awarded = async () => (await awardedContract(h, users.pm, terms())).id;

  const MATRIX: MatrixRow<Who>[] = [
    [
      'record a contract',
      () => ({
        method: 'post',
        path: '/contracts',
        body: {
          ...terms(),
          kind: 'commercial',
          reference: `M-${references++}`,
          title: 'Year two',
          value: gbp(100),
          startsOn: '2027-01-01',
          endsOn: '2027-12-31',
        },
      }),
      row(201, 201, 403, 201, 403, 403, 403, 403),
    ],
    [
      'list contracts',
      () => ({ method: 'get', path: '/contracts' }),
      row(200, 200, 200, 200, 200, 200, 200, 200),
    ],
    [
      'read a contract',
      async () => ({ method: 'get', path: `/contracts/${await draft()}` }),
      row(200, 200, 200, 200, 404, 404, 404, 404),
    ],
    [
      'edit a draft',
      async () => ({
        method: 'patch',
        path: `/contracts/${await draft()}`,
        body: { title: 'Renamed' },
      }),
      row(200, 200, 403, 200, 404, 404, 404, 404),
    ],
    [
      'award it',
      async () => ({
        method: 'post',
        path: `/contracts/${await draft()}/transitions`,
        body: { to: 'awarded' },
      }),
      row(200, 200, 403, 403, 404, 404, 404, 404),
    ],
    [
      'terminate it',
      async () => ({
        method: 'post',
        path: `/contracts/${await awarded()}/transitions`,
        body: { to: 'terminated', reason: 'Ended early' },
      }),
      row(200, 200, 403, 403, 404, 404, 404, 404),
    ],
    [
      'amend it',
      async () => ({
        method: 'post',
        path: `/contracts/${await awarded()}/amendments`,
        body: { kind: 'extension', endsOn: '2028-06-30', reason: 'More time' },
      }),
      row(201, 201, 403, 403, 404, 404, 404, 404),
    ],
    [
      'record a payment',
      async () => ({
        method: 'post',
        path: `/contracts/${await awarded()}/payments`,
        body: { amount: gbp(100), paidOn: '2027-01-10' },
      }),
      row(201, 201, 403, 403, 404, 404, 404, 404),
    ],
    [
      'reverse a payment',
      async (): Promise<MatrixCall> => {
        const id = await awarded();
        const paid = expectStatus(await payContract(h, users.pm, id, gbp(100)), 201).body;
        return {
          method: 'post',
          path: `/contracts/${id}/payments/${paid.payments[0].id}/reversal`,
          body: { reason: 'Duplicate' },
        };
      },
      row(201, 201, 403, 403, 404, 404, 404, 404),
    ],
    [
      'set the round’s contract defaults',
      () => ({
        method: 'put',
        path: `/rounds/${x.team.roundId}/contract-defaults`,
        body: { exploration: { value: gbp(500_000) } },
      }),
      row(200, 403, 403, 403, 403, 403, 403, 404),
    ],
    [
      'read the round’s contract totals',
      () => ({ method: 'get', path: `/rounds/${x.team.roundId}/contract-totals` }),
      row(200, 403, 403, 403, 403, 403, 403, 404),
    ],
    [
      'read the buyer’s contract totals',
      () => ({ method: 'get', path: `/organisations/${buyerOrganisationId}/contract-totals` }),
      row(200, 200, 404, 404, 404, 404, 404, 200),
    ],
    [
      'list the startup’s outcomes',
      () => ({ method: 'get', path: `/organisations/${x.team.startupOrganisationId}/outcomes` }),
      row(200, 404, 404, 200, 404, 404, 404, 404),
    ],
    [
      'report an outcome',
      () => ({
        method: 'post',
        path: `/organisations/${x.team.startupOrganisationId}/outcomes`,
        body: { kind: 'jobs', count: 2, reportedOn: '2027-06-01' },
      }),
      row(201, 404, 404, 201, 404, 404, 404, 404),
    ],
  ];

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    users.pm = await h.make.programmeManager();
    x = await acceleratorTeam(h, { pm: users.pm });
    users.sponsor = x.sponsor;
    users.startup = x.member;
    buyerOrganisationId = (await h.make.organisation('sponsor')).id;
    users.buyer = await h.make.sponsor(buyerOrganisationId);
    const round = await h.dataSource().getRepository(Round).findOneByOrFail({ id: x.team.roundId });
    const other = await acceleratorTeam(h, { pm: users.pm, round });
    users.otherStartup = other.member;
    users.otherBuyer = other.sponsor;
    await createContract(h, users.pm, {
      buyerOrganisationId: other.team.sponsorOrganisationId,
      startupOrganisationId: other.team.startupOrganisationId,
      teamId: other.team.id,
    });
    users.assessor = await h.make.assessor();
    const elsewhere = await h.make.programme();
    users.otherProgrammesPm = await h.make.programmeManager(elsewhere.operatorOrganisationId);
  });
  afterAll(() => h.teardown());

  it.each(matrixCases(MATRIX, WHO))('%s as %s → %i', async (_action, who, status, request) => {
    await expectMatrixStatus(h, users[who], request, status);
  });

  it('lists each caller only the contracts it may see', async () => {
    const ids = async (user: TestUser) =>
      new Set(
        (
          await h
            .http()
            .get('/api/v1/contracts?limit=200')
            .set('authorization', user.bearer)
            .expect(200)
        ).body.items.map(
          (c: { buyer: { id: string }; startup: { id: string } }) =>
            `${c.buyer.id}/${c.startup.id}`,
        ),
      );
    const ours = `${buyerOrganisationId}/${x.team.startupOrganisationId}`;
    expect(await ids(users.otherProgrammesPm)).toEqual(new Set());
    expect(await ids(users.assessor)).toEqual(new Set());
    expect([...(await ids(users.otherStartup))]).not.toContain(ours);
    expect([...(await ids(users.otherBuyer))]).not.toContain(ours);
    expect([...(await ids(users.sponsor))]).toContain(ours);
    expect([...(await ids(users.pm))].length).toBeGreaterThan(1);
  });
});
