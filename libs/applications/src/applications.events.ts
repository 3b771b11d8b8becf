/**
 * The applications library's domain events (see DomainEvents in libs/audit): `entity.verb` →
 * payload, the `data` of the audit event. None is published yet. Transition events are named
 * by the state machine (`application.<to>`) and not listed here.
 */
declare module '@catalyst/audit' {
  interface DomainEvents {
    'application.created': { challengeId: string; startupOrganisationId: string };
    'application.updated': { changedAnswers: unknown };
    'team.formed': { applicationId: string; roundId: string };
    'team.disbanded': { applicationId: string; roundId: string };
  }
}

export {};
