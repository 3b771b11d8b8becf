import { Actor } from '../auth/actor';
import type { OrganisationKind, Role } from '../roles';
import { OrganisationPolicy } from './organisation.policy';

const org = (id: string, kind: OrganisationKind) => ({ id, kind });
const actor = (...memberships: [string, OrganisationKind, Role][]) =>
  new Actor(
    'user',
    'user@example.test',
    'User',
    memberships.map(([organisationId, organisationKind, role]) => ({
      organisationId,
      organisationKind,
      role,
    })),
  );

const pm = actor(['op', 'operator', 'programme_manager']);
const sponsor = actor(['council', 'sponsor', 'sponsor']);
const assessor = actor(['council', 'sponsor', 'assessor']);
const founder = actor(['acme', 'startup', 'startup_member']);
const operatorAssessor = actor(['op', 'operator', 'assessor']);

describe('OrganisationPolicy', () => {
  it('lets only programme managers create organisations', () => {
    expect(OrganisationPolicy.canCreate(pm)).toBe(true);
    for (const other of [sponsor, assessor, founder, operatorAssessor]) {
      expect(OrganisationPolicy.canCreate(other)).toBe(false);
    }
  });

  it('shows an organisation to its members, to programme managers, and sponsors to everyone', () => {
    expect(OrganisationPolicy.canSee(founder, org('acme', 'startup'))).toBe(true);
    expect(OrganisationPolicy.canSee(founder, org('rival', 'startup'))).toBe(false);
    expect(OrganisationPolicy.canSee(founder, org('op', 'operator'))).toBe(false);
    expect(OrganisationPolicy.canSee(founder, org('council', 'sponsor'))).toBe(true);
    expect(OrganisationPolicy.canSee(sponsor, org('acme', 'startup'))).toBe(false);
    expect(OrganisationPolicy.canSee(pm, org('acme', 'startup'))).toBe(true);
  });

  it('lists all organisations for programme managers and only their own for others', () => {
    expect(OrganisationPolicy.listScope(pm)).toBe('all');
    expect(OrganisationPolicy.listScope(founder)).toEqual(['acme']);
  });

  it('shows members to members and programme managers only', () => {
    expect(OrganisationPolicy.canSeeMembers(assessor, org('council', 'sponsor'))).toBe(true);
    expect(OrganisationPolicy.canSeeMembers(founder, org('council', 'sponsor'))).toBe(false);
    expect(OrganisationPolicy.canSeeMembers(pm, org('council', 'sponsor'))).toBe(true);
  });

  it('lets programme managers invite anywhere and sponsors into their own public body only', () => {
    expect(OrganisationPolicy.canManageInvitations(pm, org('acme', 'startup'))).toBe(true);
    expect(OrganisationPolicy.canManageInvitations(sponsor, org('council', 'sponsor'))).toBe(true);
    expect(OrganisationPolicy.canManageInvitations(sponsor, org('other', 'sponsor'))).toBe(false);
    expect(OrganisationPolicy.canManageInvitations(assessor, org('council', 'sponsor'))).toBe(
      false,
    );
    expect(OrganisationPolicy.canManageInvitations(founder, org('acme', 'startup'))).toBe(false);
    expect(OrganisationPolicy.canManageInvitations(operatorAssessor, org('op', 'operator'))).toBe(
      false,
    );
  });
});
