import type { Actor } from '../auth/actor';
import { OrganisationPolicy, type OrganisationRef } from '../policy/organisation.policy';
import { ROLES_BY_KIND, type OrganisationKind, type Role } from '../roles';

/**
 * Who may see and configure an organisation's identity providers. Those who look after the
 * organisation (its programme managers, by OrganisationPolicy.looksAfter) configure them and
 * grant password sign-in exceptions; the organisation's own administrators see them (never the
 * secret); to everyone else they do not exist (404).
 */
export const IdentityProviderPolicy = {
  canSee(actor: Actor, organisation: OrganisationRef): boolean {
    return OrganisationPolicy.canEdit(actor, organisation);
  },

  canManage(actor: Actor, organisation: OrganisationRef): boolean {
    return OrganisationPolicy.looksAfter(actor, organisation);
  },

  /**
   * What a first sign-in may join as: the roles of the organisation's kind, never programme
   * manager (an outside provider must not be able to mint the people who run programmes).
   */
  joinableRoles(kind: OrganisationKind): Role[] {
    return ROLES_BY_KIND[kind].filter((r) => r !== 'programme_manager');
  },
};
