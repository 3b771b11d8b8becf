type Changes = Record<string, { from: unknown; to: unknown }>;

/**
 * The rounds library's domain events (see DomainEvents in libs/audit): `entity.verb` →
 * payload, the `data` of the audit event. None is published yet. Transition events are named
 * by the state machines and not listed here.
 */
declare module '@catalyst/audit' {
  interface DomainEvents {
    'round.created': {
      name: string;
      programmeId?: string;
      opensAt: Date | string;
      closesAt: Date | string;
    };
    /** Field → { from, to }. */
    'round.updated': Changes;
    'round.date_moved': { field: string; roundStatus: string; cause?: string };
    'challenge.created': { roundId: string; sponsorOrganisationId: string; title: string };
    /** Field → { from, to }. */
    'challenge.updated': Changes;
  }
}

export {};
