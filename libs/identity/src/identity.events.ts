/**
 * Identity's domain events (see DomainEvents in libs/audit): `entity.verb` → payload, the
 * `data` of the audit event. None is published yet. Transition events are named by the state
 * machine and not listed here.
 */
declare module '@catalyst/audit' {
  interface DomainEvents {
    'user.registered': { email: string };
    'user.created': {
      email: string;
      via?: 'invitation';
      invitationId?: string;
      organisationId?: string;
      role?: string;
    };
    'organisation.created': { name?: string; kind?: string; via?: 'registration' };
    'membership.added': {
      userId?: string;
      organisationId: string;
      role: string;
      invitationId?: string;
      email?: string;
    };
    'invitation.created': {
      organisationId: string;
      email: string;
      role: string;
      expiresAt: string;
      delivery: unknown;
    };
    'invitation.accepted': { userId: string; accountCreated: boolean };
    'invitation.revoked': Record<string, never>;
    'programme.created': {
      name?: string;
      slug?: string;
      operatorOrganisationId?: string;
      email?: string;
      organisationId?: string;
      role?: string;
      programmeId?: string;
    };
    'programme.updated': { changes: Record<string, { from: unknown; to: unknown }> };
    'refresh_token_family.revoked': { userId: string; tokensRevoked: number };
  }
}

export {};
