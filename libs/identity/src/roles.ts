export const ORGANISATION_KINDS = ['operator', 'sponsor', 'startup'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ROLES = ['programme_manager', 'sponsor', 'assessor', 'startup_member'] as const;
export type Role = (typeof ROLES)[number];

/** Which roles a membership may carry in each kind of organisation. */
export const ROLES_BY_KIND: Record<OrganisationKind, readonly Role[]> = {
  operator: ['programme_manager', 'assessor'],
  sponsor: ['sponsor', 'assessor'],
  startup: ['startup_member'],
};
