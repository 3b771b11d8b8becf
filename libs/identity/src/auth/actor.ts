import type { OrganisationKind, Role } from '../roles';

export interface MembershipView {
  organisationId: string;
  organisationKind: OrganisationKind;
  role: Role;
  /** On a programme-manager membership of an operator: the programmes it runs. */
  programmeIds?: readonly string[];
}

/**
 * Who is calling: the user and their memberships, loaded fresh from PostgreSQL on every
 * request (so a removed membership takes effect at once), plus the request's correlation id
 * for the audit trail. Policies decide from this and the resource's organisation.
 */
export class Actor {
  constructor(
    readonly userId: string,
    readonly email: string,
    readonly name: string,
    readonly memberships: readonly MembershipView[],
    readonly correlationId?: string,
    /** The sign-in (refresh-token family) the caller's access token belongs to. */
    readonly sessionId?: string,
    /** May create operator organisations and programmes (instance-level administration). */
    readonly isInstanceAdmin = false,
  ) {}

  /**
   * A programme manager of an operator organisation: may call the programme managers' routes.
   * What they may touch is their operator's programmes only (`managesProgramme`).
   */
  get isProgrammeManager(): boolean {
    return this.memberships.some(
      (m) => m.role === 'programme_manager' && m.organisationKind === 'operator',
    );
  }

  /** The programmes the caller runs: those of the operators they are a programme manager of. */
  get managedProgrammeIds(): readonly string[] {
    return [
      ...new Set(
        this.memberships
          .filter((m) => m.role === 'programme_manager' && m.organisationKind === 'operator')
          .flatMap((m) => m.programmeIds ?? []),
      ),
    ];
  }

  /**
   * The operator organisations the caller is a programme manager of: the only operators whose
   * own business (staff, invitations, edits) they know of.
   */
  get managedOperatorIds(): readonly string[] {
    return [
      ...new Set(
        this.memberships
          .filter((m) => m.role === 'programme_manager' && m.organisationKind === 'operator')
          .map((m) => m.organisationId),
      ),
    ];
  }

  /** The programme scope of every policy: a programme manager acts within these programmes. */
  managesProgramme(programmeId: string): boolean {
    return this.managedProgrammeIds.includes(programmeId);
  }

  /**
   * Holds no role but programme manager: outside their own programmes such a caller has no
   * business at all (another programme's rounds and challenges are 404 to them, as to a
   * stranger; the public portal shows what is public).
   */
  get isOnlyProgrammeManager(): boolean {
    return (
      this.memberships.length > 0 && this.memberships.every((m) => m.role === 'programme_manager')
    );
  }

  hasRole(role: Role, organisationId?: string): boolean {
    return this.memberships.some(
      (m) =>
        m.role === role && (organisationId === undefined || m.organisationId === organisationId),
    );
  }

  hasAnyRole(roles: readonly Role[]): boolean {
    return this.memberships.some((m) => roles.includes(m.role));
  }

  isMemberOf(organisationId: string): boolean {
    return this.memberships.some((m) => m.organisationId === organisationId);
  }

  rolesIn(organisationId: string): Role[] {
    return this.memberships.filter((m) => m.organisationId === organisationId).map((m) => m.role);
  }

  /** Organisations in which the caller holds `role` (any role when omitted). */
  organisationIds(role?: Role): string[] {
    return [
      ...new Set(
        this.memberships.filter((m) => !role || m.role === role).map((m) => m.organisationId),
      ),
    ];
  }

  withCorrelationId(correlationId: string | undefined): Actor {
    return new Actor(
      this.userId,
      this.email,
      this.name,
      this.memberships,
      correlationId,
      this.sessionId,
      this.isInstanceAdmin,
    );
  }
}
