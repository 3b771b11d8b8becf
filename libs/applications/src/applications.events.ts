/**
 * The applications library's domain events (see DomainEvents in libs/audit): `entity.verb` →
 * payload, the `data` of the audit event. Transition events are named by the state machine
 * (`application.<to>`); those another context reacts to are declared here (`application.submitted`,
 * which assessment publishes to conflict competitors, see libs/assessment/src/assessment.events.ts;
 * `application.exploration` and `application.selected`, which contracts publish to draft the
 * programme contract, see libs/contracts/src/contracts.events.ts).
 */
declare module '@catalyst/audit' {
  interface DomainEvents {
    'application.created': { challengeId: string; startupOrganisationId: string };
    /** The company submitted; `data` is the transition's own (null for a submission). */
    'application.submitted': Record<string, unknown> | null;
    /** Decisions the contracts context reacts to (a programme contract is drafted). */
    'application.exploration': Record<string, unknown> | null;
    'application.selected': Record<string, unknown> | null;
    'application.updated': { changedAnswers: unknown };
    'team.formed': { applicationId: string; roundId: string };
    'team.disbanded': { applicationId: string; roundId: string };
  }
}

export {};
