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
const instanceAdmin = new Actor(
  'admin',
  'admin@example.test',
  'Admin',
  [],
  undefined,
  undefined,
  true,
);

describe('OrganisationPolicy', () => {
  it('lets only programme managers create sponsors and startups', () => {
    expect(OrganisationPolicy.canCreate(pm, 'sponsor')).toBe(true);
    for (const other of [sponsor, assessor, founder, operatorAssessor]) {
      expect(OrganisationPolicy.canCreate(other, 'startup')).toBe(false);
    }
  });

  it('lets only instance administrators create operators, and keeps other operators from a programme manager', () => {
    expect(OrganisationPolicy.canCreate(pm, 'operator')).toBe(false);
    expect(OrganisationPolicy.canCreate(instanceAdmin, 'operator')).toBe(true);
    expect(OrganisationPolicy.canSee(pm, org('op', 'operator'))).toBe(true);
    expect(OrganisationPolicy.canSee(pm, org('other-op', 'operator'))).toBe(false);
    expect(OrganisationPolicy.canEdit(pm, org('other-op', 'operator'))).toBe(false);
    expect(OrganisationPolicy.canManageInvitations(pm, org('other-op', 'operator'))).toBe(false);
    expect(
      OrganisationPolicy.canManageInvitations(instanceAdmin, org('other-op', 'operator')),
    ).toBe(true);
  });

  it('scopes the audit events of an operator to that operator, and shares the others', () => {
    expect(OrganisationPolicy.auditOperatorOf(org('op', 'operator'))).toBe('op');
    expect(OrganisationPolicy.auditOperatorOf(org('council', 'sponsor'))).toBeNull();
    expect(OrganisationPolicy.auditOperatorOf(org('acme', 'startup'))).toBeNull();
    expect(pm.managedOperatorIds).toEqual(['op']);
    expect(operatorAssessor.managedOperatorIds).toEqual([]);
  });

  it('shows an organisation to its members, to programme managers, and sponsors to everyone', () => {
    expect(OrganisationPolicy.canSee(founder, org('acme', 'startup'))).toBe(true);
    expect(OrganisationPolicy.canSee(founder, org('rival', 'startup'))).toBe(false);
    expect(OrganisationPolicy.canSee(founder, org('op', 'operator'))).toBe(false);
    expect(OrganisationPolicy.canSee(founder, org('council', 'sponsor'))).toBe(true);
    expect(OrganisationPolicy.canSee(sponsor, org('acme', 'startup'))).toBe(false);
    expect(OrganisationPolicy.canSee(pm, org('acme', 'startup'))).toBe(true);
  });

  it('lists every sponsor and startup for programme managers and only their own for others', () => {
    expect(OrganisationPolicy.listScope(pm)).toEqual({
      ids: ['op'],
      sharedKinds: true,
      operators: false,
    });
    expect(OrganisationPolicy.listScope(founder)).toEqual({
      ids: ['acme'],
      sharedKinds: false,
      operators: false,
    });
  });

  it('shows members to members and programme managers only', () => {
    expect(OrganisationPolicy.canSeeMembers(assessor, org('council', 'sponsor'))).toBe(true);
    expect(OrganisationPolicy.canSeeMembers(founder, org('council', 'sponsor'))).toBe(false);
    expect(OrganisationPolicy.canSeeMembers(pm, org('council', 'sponsor'))).toBe(true);
  });

  it('lets programme managers invite anywhere, sponsors into their own public body and a company’s members into their own company only', () => {
    expect(OrganisationPolicy.canManageInvitations(pm, org('acme', 'startup'))).toBe(true);
    expect(OrganisationPolicy.canManageInvitations(sponsor, org('council', 'sponsor'))).toBe(true);
    expect(OrganisationPolicy.canManageInvitations(sponsor, org('other', 'sponsor'))).toBe(false);
    expect(OrganisationPolicy.canManageInvitations(assessor, org('council', 'sponsor'))).toBe(
      false,
    );
    expect(OrganisationPolicy.canManageInvitations(founder, org('acme', 'startup'))).toBe(true);
    expect(OrganisationPolicy.canManageInvitations(founder, org('rival', 'startup'))).toBe(false);
    expect(OrganisationPolicy.canManageInvitations(operatorAssessor, org('op', 'operator'))).toBe(
      false,
    );
  });
});
