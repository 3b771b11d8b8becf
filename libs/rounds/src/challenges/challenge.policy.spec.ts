import { Actor, MembershipView } from '@catalyst/identity';
import { ChallengePolicy } from './challenge.policy';
import type { ChallengeStatus } from './challenge.state-machine';

const OWN = 'org-own';
const OTHER = 'org-other';
const actor = (...memberships: MembershipView[]) => new Actor('u', 'u@x', 'U', memberships);
const PROGRAMME = 'programme-own';
const callers = {
  pm: actor({
    organisationId: 'op',
    organisationKind: 'operator',
    role: 'programme_manager',
    programmeIds: [PROGRAMME],
  }),
  otherPm: actor({
    organisationId: 'op-2',
    organisationKind: 'operator',
    role: 'programme_manager',
    programmeIds: ['programme-other'],
  }),
  ownSponsor: actor({ organisationId: OWN, organisationKind: 'sponsor', role: 'sponsor' }),
  otherSponsor: actor({ organisationId: OTHER, organisationKind: 'sponsor', role: 'sponsor' }),
  ownAssessor: actor({ organisationId: OWN, organisationKind: 'sponsor', role: 'assessor' }),
  startup: actor({ organisationId: 's', organisationKind: 'startup', role: 'startup_member' }),
};
type Caller = keyof typeof callers;
const policy = new ChallengePolicy();
const challenge = (status: ChallengeStatus) => ({
  sponsorOrganisationId: OWN,
  status,
  programmeId: PROGRAMME,
});

describe('challenge policy (role × action)', () => {
  it.each<[ChallengeStatus, Caller[]]>([
    ['draft', ['pm', 'ownSponsor']],
    ['submitted', ['pm', 'ownSponsor']],
    ['approved', ['pm', 'ownSponsor']],
    ['published', ['pm', 'ownSponsor', 'otherSponsor', 'ownAssessor', 'startup']],
    ['closed', ['pm', 'ownSponsor', 'otherSponsor', 'ownAssessor', 'startup']],
    ['withdrawn', ['pm', 'ownSponsor']],
  ])('a %s challenge is seen by %j', (status, seers) => {
    const seen = (Object.keys(callers) as Caller[]).filter((c) =>
      policy.canSee(callers[c], challenge(status)),
    );
    expect(seen).toEqual(seers);
  });

  it.each<[ChallengeStatus, Record<Caller, string>]>([
    [
      'draft',
      {
        pm: 'allowed',
        otherPm: 'forbidden',
        ownSponsor: 'allowed',
        otherSponsor: 'forbidden',
        ownAssessor: 'forbidden',
        startup: 'forbidden',
      },
    ],
    [
      'submitted',
      {
        pm: 'allowed',
        otherPm: 'forbidden',
        ownSponsor: 'allowed',
        otherSponsor: 'forbidden',
        ownAssessor: 'forbidden',
        startup: 'forbidden',
      },
    ],
    [
      'approved',
      {
        pm: 'allowed',
        otherPm: 'forbidden',
        ownSponsor: 'forbidden',
        otherSponsor: 'forbidden',
        ownAssessor: 'forbidden',
        startup: 'forbidden',
      },
    ],
    [
      'published',
      {
        pm: 'allowed',
        otherPm: 'forbidden',
        ownSponsor: 'forbidden',
        otherSponsor: 'forbidden',
        ownAssessor: 'forbidden',
        startup: 'forbidden',
      },
    ],
    [
      'closed',
      {
        pm: 'final',
        otherPm: 'final',
        ownSponsor: 'final',
        otherSponsor: 'final',
        ownAssessor: 'final',
        startup: 'final',
      },
    ],
    [
      'withdrawn',
      {
        pm: 'final',
        otherPm: 'final',
        ownSponsor: 'final',
        otherSponsor: 'final',
        ownAssessor: 'final',
        startup: 'final',
      },
    ],
  ])('editing a %s challenge: %j', (status, expected) => {
    for (const c of Object.keys(callers) as Caller[]) {
      expect([c, policy.canEdit(callers[c], challenge(status))]).toEqual([c, expected[c]]);
    }
  });

  it('makes sponsor-role members of the owning organisation act as its sponsor', () => {
    expect(policy.actorsFor(callers.ownSponsor, challenge('draft'))).toEqual(['sponsor']);
    expect(policy.actorsFor(callers.otherSponsor, challenge('draft'))).toEqual([]);
    expect(policy.actorsFor(callers.ownAssessor, challenge('draft'))).toEqual([]);
    expect(policy.actorsFor(callers.pm, challenge('draft'))).toEqual(['programme_manager']);
    expect(policy.actorsFor(callers.otherPm, challenge('draft'))).toEqual([]);
  });

  it('lets sponsors propose challenges only for their own organisation', () => {
    const round = { programmeId: PROGRAMME };
    expect(policy.canCreateIn(callers.ownSponsor, OWN, round)).toBe(true);
    expect(policy.canCreateIn(callers.ownSponsor, OTHER, round)).toBe(false);
    expect(policy.canProposeFor(callers.ownAssessor, OWN)).toBe(false);
    expect(policy.canCreateIn(callers.pm, OTHER, round)).toBe(true);
  });

  it('lets programme managers propose challenges only into their own programmes’ rounds', () => {
    expect(policy.canProposeFor(callers.otherPm, OTHER)).toBe(true);
    expect(policy.canCreateIn(callers.otherPm, OTHER, { programmeId: PROGRAMME })).toBe(false);
  });

  it('scopes lists: own programmes for programme managers, own or public for others', () => {
    expect(policy.listScope(callers.pm)).toEqual({
      managedProgrammeIds: [PROGRAMME],
      organisationIds: [],
      publicOnes: false,
      announcedRoundsOnly: true,
    });
    expect(policy.listScope(callers.ownSponsor)).toEqual({
      managedProgrammeIds: [],
      organisationIds: [OWN],
      publicOnes: true,
      announcedRoundsOnly: false,
    });
    expect(policy.listScope(callers.startup)).toEqual({
      managedProgrammeIds: [],
      organisationIds: [],
      publicOnes: true,
      announcedRoundsOnly: true,
    });
  });

  it('hides a public challenge of a draft round from those who may not see draft rounds', () => {
    const inDraftRound = {
      ...challenge('published'),
      round: { status: 'draft' as const, programmeId: PROGRAMME },
    };
    const seen = (Object.keys(callers) as Caller[]).filter((c) =>
      policy.canSeeInRound(callers[c], inDraftRound),
    );
    expect(seen).toEqual(['pm', 'ownSponsor', 'otherSponsor']);
  });
});
