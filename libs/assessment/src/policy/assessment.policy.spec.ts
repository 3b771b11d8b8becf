import { ForbiddenError, NotFoundError } from '@catalyst/common';
import { Actor, MembershipView } from '@catalyst/identity';
import { AssessmentPolicy, ChallengeFacts } from './assessment.policy';

const SPONSOR_ORG = 'sponsor-org';
const PROGRAMME = 'programme-own';
const policy = new AssessmentPolicy();

const actor = (id: string, memberships: MembershipView[]) =>
  new Actor(id, `${id}@example.test`, id, memberships);

const people = {
  programmeManager: actor('pm', [
    {
      organisationId: 'operator',
      organisationKind: 'operator',
      role: 'programme_manager',
      programmeIds: [PROGRAMME],
    },
  ]),
  otherProgrammesManager: actor('other-pm', [
    {
      organisationId: 'other-operator',
      organisationKind: 'operator',
      role: 'programme_manager',
      programmeIds: ['programme-other'],
    },
  ]),
  sponsor: actor('sponsor', [
    { organisationId: SPONSOR_ORG, organisationKind: 'sponsor', role: 'sponsor' },
  ]),
  panelMember: actor('panel', [
    { organisationId: 'other-sponsor', organisationKind: 'sponsor', role: 'assessor' },
  ]),
  otherAssessor: actor('stranger', [
    { organisationId: 'other-sponsor', organisationKind: 'sponsor', role: 'assessor' },
  ]),
  startup: actor('startup', [
    { organisationId: 'startup-org', organisationKind: 'startup', role: 'startup_member' },
  ]),
};
type Who = keyof typeof people;

const challengeFor = (who: Who): ChallengeFacts => ({
  id: 'challenge',
  programmeId: PROGRAMME,
  sponsorOrganisationId: SPONSOR_ORG,
  blindReview: true,
  isPanelMember: who === 'panelMember',
});

type Outcome = 'ok' | 403 | 404;
function outcome(run: () => void): Outcome {
  try {
    run();
    return 'ok';
  } catch (error) {
    if (error instanceof ForbiddenError) return 403;
    if (error instanceof NotFoundError) return 404;
    throw error;
  }
}

const actions: Record<string, (who: Who) => void> = {
  managePanel: (w) => policy.assertCanManagePanel(people[w], challengeFor(w)),
  overseeReview: (w) => policy.assertCanOverseeReview(people[w], challengeFor(w)),
  declareOwnConflict: (w) =>
    policy.assertCanDeclareConflict(people[w], challengeFor(w), people[w].userId),
  declareSomeoneElsesConflict: (w) =>
    policy.assertCanDeclareConflict(people[w], challengeFor(w), 'someone-else'),
  moderate: (w) => policy.assertCanModerate(people[w], challengeFor(w)),
  seePanelMembersAssessment: (w) =>
    policy.assertCanSeeAssessment(people[w], {
      id: 'a',
      assessorUserId: 'panel',
      programmeId: PROGRAMME,
    }),
  scorePanelMembersAssessment: (w) =>
    policy.assertCanScore(people[w], { id: 'a', assessorUserId: 'panel', programmeId: PROGRAMME }),
  reviewBlindCopy: (w) => policy.assertCanReviewBlindCopy(people[w], challengeFor(w), 'app'),
};

// role × action → expected answer
// prettier-ignore
const matrix: Record<string, Record<Who, Outcome>> = {
  managePanel:                 { programmeManager: 'ok', otherProgrammesManager: 404, sponsor: 403,  panelMember: 403,  otherAssessor: 404, startup: 404 },
  overseeReview:               { programmeManager: 'ok', otherProgrammesManager: 404, sponsor: 'ok', panelMember: 403,  otherAssessor: 404, startup: 404 },
  declareOwnConflict:          { programmeManager: 'ok', otherProgrammesManager: 404, sponsor: 403,  panelMember: 'ok', otherAssessor: 404, startup: 404 },
  declareSomeoneElsesConflict: { programmeManager: 'ok', otherProgrammesManager: 404, sponsor: 403,  panelMember: 403,  otherAssessor: 404, startup: 404 },
  moderate:                    { programmeManager: 'ok', otherProgrammesManager: 404, sponsor: 403,  panelMember: 'ok', otherAssessor: 404, startup: 404 },
  seePanelMembersAssessment:   { programmeManager: 'ok', otherProgrammesManager: 404, sponsor: 404,  panelMember: 'ok', otherAssessor: 404, startup: 404 },
  scorePanelMembersAssessment: { programmeManager: 403, otherProgrammesManager: 404,  sponsor: 404,  panelMember: 'ok', otherAssessor: 404, startup: 404 },
  reviewBlindCopy:             { programmeManager: 'ok', otherProgrammesManager: 404, sponsor: 403,  panelMember: 403,  otherAssessor: 404, startup: 404 },
};

describe('the assessment policy (role × action)', () => {
  for (const [action, row] of Object.entries(matrix)) {
    for (const [who, expected] of Object.entries(row) as [Who, Outcome][]) {
      it(`${action} by ${who} → ${expected}`, () => {
        expect(outcome(() => actions[action](who))).toBe(expected);
      });
    }
  }

  it('lets only programme managers see the company in a blind round', () => {
    const blind = { blindReview: true, programmeId: PROGRAMME };
    expect(policy.seesIdentity(people.programmeManager, blind)).toBe(true);
    expect(policy.seesIdentity(people.otherProgrammesManager, blind)).toBe(false);
    expect(policy.seesIdentity(people.panelMember, blind)).toBe(false);
    expect(policy.seesIdentity(people.panelMember, { ...blind, blindReview: false })).toBe(true);
  });

  it('stops an assessor whose assessor role was removed from acting as the assessor', () => {
    const former = actor('panel', [
      { organisationId: SPONSOR_ORG, organisationKind: 'sponsor', role: 'sponsor' },
    ]);
    expect(
      policy.transitionActors(former, { id: 'a', assessorUserId: 'panel', programmeId: PROGRAMME }),
    ).toEqual([]);
  });

  it('lists only the caller’s own assessments unless they are a programme manager', () => {
    expect(policy.assessmentListScope(people.panelMember, { assessorUserId: 'pm' })).toEqual({
      assessorUserId: 'panel',
      programmeIds: 'any',
    });
    expect(policy.assessmentListScope(people.programmeManager, {})).toEqual({
      assessorUserId: 'anyone',
      programmeIds: [PROGRAMME],
      ownAnywhere: 'pm',
    });
    expect(policy.assessmentListScope(people.programmeManager, { assessorUserId: 'x' })).toEqual({
      assessorUserId: 'x',
      programmeIds: [PROGRAMME],
    });
    expect(policy.assessmentListScope(people.programmeManager, { mine: true })).toEqual({
      assessorUserId: 'pm',
      programmeIds: 'any',
    });
  });
});
