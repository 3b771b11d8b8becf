import { publishes } from '@catalyst/audit';
import type { Money } from '@catalyst/common';
import { CREATE_PROGRAMME_CONTRACT_JOB } from './automation/create-programme-contract.job';
import { FOLLOW_TEAM_JOB } from './automation/follow-team.job';
import { RECORD_MILESTONE_PAYMENT_JOB } from './automation/record-milestone-payment.job';

type Changes = Record<string, { from: unknown; to: unknown }>;
/** Set when a programme manager acted for a party. */
type OnBehalfOf = { onBehalfOf?: 'buyer' | 'startup' };

/**
 * The contracts library's domain events (see DomainEvents in libs/audit): `entity.verb` →
 * payload, the `data` of the audit event, written in the change's transaction with the
 * contract's `programmeId`. Transitions are named by the state machine (`contract.awarded`,
 * `contract.active`, `contract.completed`, `contract.terminated`) and carry the figures below.
 *
 * Contracts also subscribe to two contexts' events here, through the outbox:
 * - `application.exploration` and `application.selected` (applications) draft the
 *   application's exploration or accelerator contract from the round's defaults;
 * - `milestone.paid` (accelerator) records the payment on the team's accelerator contract;
 * - `team.formed` / `team.disbanded` (applications) keep the accelerator contract on the
 *   application's current team (`contract.team_linked`, `contract.team_unlinked`).
 */
declare module '@catalyst/audit' {
  interface DomainEvents {
    'contract.created': OnBehalfOf & {
      kind: string;
      reference: string;
      buyerOrganisationId: string;
      startupOrganisationId: string;
      teamId: string | null;
      roundId: string | null;
      value: Money;
      startsOn: string;
      endsOn: string;
      /** Set when the system drafted it from a decision (`application.exploration` …). */
      from?: string;
    };
    'contract.updated': OnBehalfOf & { changes: Changes };
    /** The application's accelerator contract now belongs to its (new) team. */
    'contract.team_linked': { teamId: string; applicationId: string };
    /** The team was disbanded (a selection reversed): the contract belongs to no team. */
    'contract.team_unlinked': { teamId: string; applicationId: string };
    'contract.amended': {
      amendmentId: string;
      number: number;
      kind: string;
      endsOn: { from: string; to: string } | null;
      value: { from: Money; to: Money } | null;
      documentIds: string[];
    };
    'contract_payment.recorded': {
      contractId: string;
      amount: Money;
      paidOn: string;
      milestoneId: string | null;
      paid: Money;
    };
    'contract_payment.reversed': {
      contractId: string;
      reversalId: string;
      amount: Money;
      paid: Money;
    };
    /** A milestone paid in the accelerator that could not go on the team's contract, and why. */
    'contract_payment.not_recorded': { milestoneId: string; teamId: string; why: string };
    'round.contract_defaults_set': {
      exploration: { value: Money; days: number } | null;
      accelerator: { value: Money } | null;
    };
    'outcome.reported': {
      organisationId: string;
      kind: string;
      value: Money | null;
      count: number | null;
      reportedOn: string;
      correctsOutcomeId: string | null;
      onBehalf: boolean;
    };
  }
}

// One decision is one job, however often its event is relayed; the handler inserts at most
// one contract per (application, kind) (a unique index), so a second run changes nothing.
publishes('application.exploration', {
  job: CREATE_PROGRAMME_CONTRACT_JOB,
  jobId: (e) => `programme-contract.exploration.${e.entityId}`,
  jobData: (e) => ({ applicationId: e.entityId, kind: 'exploration' as const }),
});

publishes('application.selected', {
  job: CREATE_PROGRAMME_CONTRACT_JOB,
  jobId: (e) => `programme-contract.accelerator.${e.entityId}`,
  jobData: (e) => ({ applicationId: e.entityId, kind: 'accelerator' as const }),
});

// Keyed by the milestone: a milestone is paid once, and its payment is one ledger entry.
publishes('milestone.paid', {
  job: RECORD_MILESTONE_PAYMENT_JOB,
  jobId: (e) => `milestone-payment.${e.entityId}`,
  jobData: (e) => ({ milestoneId: e.entityId, teamId: e.data.teamId }),
});

// A team is formed once and disbanded once: its id keys each job.
publishes('team.formed', {
  job: FOLLOW_TEAM_JOB,
  jobId: (e) => `contract-follow-team.formed.${e.entityId}`,
  jobData: (e) => ({
    applicationId: e.data.applicationId,
    teamId: e.entityId,
    change: 'formed' as const,
  }),
});

publishes('team.disbanded', {
  job: FOLLOW_TEAM_JOB,
  jobId: (e) => `contract-follow-team.disbanded.${e.entityId}`,
  jobData: (e) => ({
    applicationId: e.data.applicationId,
    teamId: e.entityId,
    change: 'disbanded' as const,
  }),
});
