import type { Money } from '@catalyst/common';

type Changes = Record<string, { from: unknown; to: unknown }>;
/** Set when a programme manager made the move for one side. */
type OnBehalfOf = { onBehalfOf?: 'team' | 'sponsor' };

/**
 * The accelerator's domain events (see DomainEvents in libs/audit): `entity.verb` → payload,
 * the `data` of the audit event, written in the change's transaction. Notifications, webhooks
 * and the contracts context speak these names; none is published to a job yet.
 *
 * `milestone.paid` is the seam to contracts: when the team has an accelerator contract, its
 * subscriber records the same amount as a payment on it (`publishes('milestone.paid', …)` in
 * libs/contracts, keyed by the milestone id so a relayed-twice event pays once).
 */
declare module '@catalyst/audit' {
  interface DomainEvents {
    'round.sprints_generated': {
      lengthDays: number;
      sprints: number;
      replaced: number;
      startsOn: string;
      endsOn: string;
    };
    'milestone.created': OnBehalfOf & {
      teamId: string;
      title: string;
      dueOn: string;
      payment: Money | null;
      planStatus: string;
    };
    'milestone.updated': OnBehalfOf & { teamId: string; planStatus: string; changes: Changes };
    'milestone.removed': OnBehalfOf & {
      teamId: string;
      title: string;
      dueOn: string;
      planStatus: string;
    };
    'milestone.in_progress': OnBehalfOf & { teamId: string };
    'milestone.submitted': OnBehalfOf & {
      teamId: string;
      evidenceUrls: string[];
      documentIds: string[];
    };
    'milestone.accepted': OnBehalfOf & { teamId: string; payment: Money | null };
    'milestone.changes_requested': OnBehalfOf & { teamId: string };
    'milestone.paid': {
      teamId: string;
      roundId: string;
      startupOrganisationId: string;
      sponsorOrganisationId: string;
      amount: Money;
      paidOn: string;
      reference: string;
    };
    'milestone_plan.proposed': OnBehalfOf & { milestones: number };
    'milestone_plan.agreed': OnBehalfOf & { milestones: number };
    'milestone_plan.reopened': OnBehalfOf & { milestones: number };
    'progress_update.created': { teamId: string; sprintId: string; rag: string };
    'progress_update.edited': { teamId: string; changes: Changes };
  }
}

export {};
