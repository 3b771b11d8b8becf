import { ForbiddenError } from '@catalyst/common';
import { Actor, MembershipView, OrganisationKind, Role } from '@catalyst/identity';
import { ApplicationFacts, ApplicationPolicy } from './application.policy';
import type { ApplicationStatus } from './application.statuses';

const STARTUP = 'startup-org';
const SPONSOR = 'sponsor-org';
const PROGRAMME = 'programme-own';
const policy = new ApplicationPolicy();

function actor(...memberships: [Role, string, OrganisationKind, string[]?][]): Actor {
  const views: MembershipView[] = memberships.map(
    ([role, organisationId, organisationKind, programmeIds]) => ({
      role,
      organisationId,
      organisationKind,
      ...(programmeIds ? { programmeIds } : {}),
    }),
  );
  return new Actor('user', 'u@example.test', 'U', views);
}

const WHO = {
  'programme manager': actor(['programme_manager', 'operator-org', 'operator', [PROGRAMME]]),
  'another programme’s manager': actor([
    'programme_manager',
    'other-operator',
    'operator',
    ['programme-other'],
  ]),
  'member of the company': actor(['startup_member', STARTUP, 'startup']),
  'another startup': actor(['startup_member', 'other-startup', 'startup']),
  'sponsor of the challenge': actor(['sponsor', SPONSOR, 'sponsor']),
  'another sponsor': actor(['sponsor', 'other-sponsor', 'sponsor']),
  'assessor in the sponsor org': actor(['assessor', SPONSOR, 'sponsor']),
};
type Who = keyof typeof WHO;

function app(status: ApplicationStatus, blindReview = false): ApplicationFacts {
  return {
    programmeId: PROGRAMME,
    startupOrganisationId: STARTUP,
    sponsorOrganisationId: SPONSOR,
    status,
    submittedAt: status === 'draft' ? null : new Date('2027-01-20T10:00:00Z'),
    blindReview,
  };
}

describe('who sees an application', () => {
  it.each<[string, ApplicationFacts, Who[]]>([
    ['a draft', app('draft'), ['programme manager', 'member of the company']],
    [
      'a submitted application',
      app('submitted'),
      ['programme manager', 'member of the company', 'sponsor of the challenge'],
    ],
    [
      'a submitted application in a blind round',
      app('submitted', true),
      ['programme manager', 'member of the company'],
    ],
    [
      'a shortlisted application in a blind round',
      app('shortlisted', true),
      ['programme manager', 'member of the company', 'sponsor of the challenge'],
    ],
  ])('%s: only %j', (_, facts, expected) => {
    const seeing = (Object.keys(WHO) as Who[]).filter((who) => policy.canView(WHO[who], facts));
    expect(seeing).toEqual(expected);
  });

  it('gives a list filter that matches nothing for a caller with no stake', () => {
    expect(policy.listFilter(WHO['assessor in the sponsor org'])?.sql).toBe('false');
    expect(policy.listFilter(WHO['another programme’s manager'])).toEqual({
      sql: '(application.programmeId IN (:...policyProgrammes))',
      params: { policyProgrammes: ['programme-other'] },
    });
  });
});

describe('what a caller acts as', () => {
  it.each<[Who, string[]]>([
    ['programme manager', ['programme_manager']],
    ['another programme’s manager', []],
    ['member of the company', ['startup_member']],
    ['another startup', []],
    ['sponsor of the challenge', []],
  ])('%s acts as %j', (who, kinds) => {
    expect(policy.actorsFor(WHO[who], app('submitted'))).toEqual(kinds);
  });

  it('lets only the company edit answers', () => {
    expect(policy.canEditAnswers(WHO['member of the company'], app('draft'))).toBe(true);
    expect(policy.canEditAnswers(WHO['programme manager'], app('draft'))).toBe(false);
  });

  it('applies for the caller’s own startup only', () => {
    expect(policy.applyingOrganisation(WHO['member of the company'], undefined)).toBe(
      policy.applyingOrganisation(WHO['member of the company'], app('draft').startupOrganisationId),
    );
    expect(() =>
      policy.applyingOrganisation(WHO['another startup'], app('draft').startupOrganisationId),
    ).toThrow(ForbiddenError);
    expect(() => policy.applyingOrganisation(WHO['sponsor of the challenge'], undefined)).toThrow(
      ForbiddenError,
    );
  });
});
