/**
 * Identity's domain events (see DomainEvents in libs/audit): `entity.verb` → payload, the
 * `data` of the audit event. None is published yet (single sign-on's included). Transition events are named by the state
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
    'identity_provider.created': {
      organisationId: string;
      issuerUrl: string;
      emailDomains: string[];
      firstSignIn: string;
      defaultRole: string | null;
      requireSso: boolean;
      hasClientSecret: boolean;
    };
    'identity_provider.updated': { changes: Record<string, { from: unknown; to: unknown }> };
    'identity_provider.deleted': { organisationId: string; issuerUrl: string };
    'identity_link.created': { providerId: string; userId: string; subject: string; via: string };
    'sso_sign_in.completed': { providerId: string; userId: string; subject: string; kind: string };
    'sso_sign_in.refused': { providerId: string; code: string; [detail: string]: unknown };
    'sso_sign_in.link_required': { providerId: string; subject: string; email: string | null };
    'sso_sign_in.link_refused': { providerId: string; subject: string; email: string };
    'password_sign_in.refused': { organisationIds: string[] };
    'password_sign_in_override.granted': {
      userId: string;
      organisationId: string;
      expiresAt: string;
    };
  }
}

export {};
