import type { Actor } from '../auth/actor';
import type { OrganisationKind, Role } from '../roles';

export interface OrganisationRef {
  id: string;
  kind: OrganisationKind;
}

/**
 * Who may see and do what with an organisation, decided from the caller's memberships alone.
 * Callers turn "may not see" into 404 and "may see but not do" into 403 (see visibility.ts).
 *
 * Sponsors and startups are shared by every programme of the instance, so every programme
 * manager looks after them. Operator organisations are not shared: each is looked after by its
 * own programme managers and by instance administrators, who create them (an instance-level
 * action); to another operator's programme managers it is 404.
 */
export const OrganisationPolicy = {
  /**
   * Programme managers create sponsors and startups; operators (each running its own
   * programmes) are created by instance administrators.
   */
  canCreate(actor: Actor, kind: OrganisationKind): boolean {
    return kind === 'operator' ? actor.isInstanceAdmin : actor.isProgrammeManager;
  },

  /** Looks after the organisation as a programme manager or instance administrator. */
  looksAfter(actor: Actor, organisation: OrganisationRef): boolean {
    if (organisation.kind !== 'operator') return actor.isProgrammeManager;
    return actor.isInstanceAdmin || actor.hasRole('programme_manager', organisation.id);
  },

  /**
   * Members and those who look after it see an organisation; a sponsor (public body) is
   * visible to everyone signed in, since its name is on the public portal anyway.
   */
  canSee(actor: Actor, organisation: OrganisationRef): boolean {
    return (
      OrganisationPolicy.looksAfter(actor, organisation) ||
      actor.isMemberOf(organisation.id) ||
      organisation.kind === 'sponsor'
    );
  },

  /**
   * Lists show the caller's own organisations; programme managers see every sponsor and
   * startup too, and instance administrators every operator.
   */
  listScope(actor: Actor): OrganisationListScope {
    return {
      ids: actor.organisationIds(),
      sharedKinds: actor.isProgrammeManager,
      operators: actor.isInstanceAdmin,
    };
  },

  /** Those who look after it edit an organisation; its own admins (see ADMIN_ROLES) theirs. */
  canEdit(actor: Actor, organisation: OrganisationRef): boolean {
    return (
      OrganisationPolicy.looksAfter(actor, organisation) ||
      ADMIN_ROLES[organisation.kind].some((role) => actor.hasRole(role, organisation.id))
    );
  },

  canSeeMembers(actor: Actor, organisation: OrganisationRef): boolean {
    return OrganisationPolicy.looksAfter(actor, organisation) || actor.isMemberOf(organisation.id);
  },

  /**
   * The operator an instance-level audit event about this organisation (an edit, an invitation
   * into it, a membership of it) is scoped to, so that only those who look after it read it
   * (AuditPolicy); null for sponsors and startups, whose events every programme shares.
   */
  auditOperatorOf(organisation: OrganisationRef): string | null {
    return organisation.kind === 'operator' ? organisation.id : null;
  },

  /**
   * Those who look after it invite into an organisation; sponsors into their own public body,
   * a company's members into their own company.
   */
  canManageInvitations(actor: Actor, organisation: OrganisationRef): boolean {
    return (
      OrganisationPolicy.looksAfter(actor, organisation) ||
      INVITING_ROLES[organisation.kind].some((role) => actor.hasRole(role, organisation.id))
    );
  },
};

/**
 * An organisation list's scope: the caller's own (`ids`), plus every sponsor and startup
 * (`sharedKinds`), plus every operator (`operators`).
 */
export interface OrganisationListScope {
  ids: string[];
  sharedKinds: boolean;
  operators: boolean;
}

/** Members who may invite others into their own organisation, by kind of organisation. */
const INVITING_ROLES: Record<OrganisationKind, readonly Role[]> = {
  operator: [],
  sponsor: ['sponsor'],
  // A company's members bring in their colleagues (each member administers the company).
  startup: ['startup_member'],
};

/** Members who administer their own organisation's details, by kind of organisation. */
const ADMIN_ROLES: Record<OrganisationKind, readonly Role[]> = {
  operator: ['programme_manager'],
  sponsor: ['sponsor'],
  startup: ['startup_member'],
};
