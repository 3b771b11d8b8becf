import type { Actor } from '../auth/actor';
import type { OrganisationKind, Role } from '../roles';

export interface OrganisationRef {
  id: string;
  kind: OrganisationKind;
}

/**
 * Who may see and do what with an organisation, decided from the caller's memberships alone.
 * Callers turn "may not see" into 404 and "may see but not do" into 403 (see visibility.ts).
 */
export const OrganisationPolicy = {
  /** Programme managers run the programme: they create organisations. */
  canCreate(actor: Actor): boolean {
    return actor.isProgrammeManager;
  },

  /**
   * Members and programme managers see an organisation; a sponsor (public body) is visible to
   * everyone signed in, since its name is on the public portal anyway.
   */
  canSee(actor: Actor, organisation: OrganisationRef): boolean {
    return (
      actor.isProgrammeManager ||
      actor.isMemberOf(organisation.id) ||
      organisation.kind === 'sponsor'
    );
  },

  /** Lists show the caller's own organisations; programme managers see them all. */
  listScope(actor: Actor): 'all' | string[] {
    return actor.isProgrammeManager ? 'all' : actor.organisationIds();
  },

  /** Programme managers edit any organisation; its own admins (see ADMIN_ROLES) edit theirs. */
  canEdit(actor: Actor, organisation: OrganisationRef): boolean {
    return (
      actor.isProgrammeManager ||
      ADMIN_ROLES[organisation.kind].some((role) => actor.hasRole(role, organisation.id))
    );
  },

  canSeeMembers(actor: Actor, organisation: OrganisationRef): boolean {
    return actor.isProgrammeManager || actor.isMemberOf(organisation.id);
  },

  /** Programme managers invite into any organisation; sponsors into their own public body. */
  canManageInvitations(actor: Actor, organisation: OrganisationRef): boolean {
    return (
      actor.isProgrammeManager ||
      INVITING_ROLES[organisation.kind].some((role) => actor.hasRole(role, organisation.id))
    );
  },
};

/** Members who may invite others into their own organisation, by kind of organisation. */
const INVITING_ROLES: Record<OrganisationKind, readonly Role[]> = {
  operator: [],
  sponsor: ['sponsor'],
  startup: [],
};

/** Members who administer their own organisation's details, by kind of organisation. */
const ADMIN_ROLES: Record<OrganisationKind, readonly Role[]> = {
  operator: ['programme_manager'],
  sponsor: ['sponsor'],
  startup: ['startup_member'],
};
