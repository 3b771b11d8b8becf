import { StateMachine } from '@catalyst/common';

export const CONTRACT_STATUSES = ['draft', 'awarded', 'active', 'completed', 'terminated'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export const CONTRACT_KINDS = [
  'exploration',
  'accelerator',
  'follow_on',
  'commercial',
  'framework_call_off',
] as const;
export type ContractKind = (typeof CONTRACT_KINDS)[number];

/** The kinds that count as "after the programme" in the impact totals. */
export const POST_PROGRAMME_KINDS: readonly ContractKind[] = [
  'follow_on',
  'commercial',
  'framework_call_off',
];

export const PROCUREMENT_ROUTES = [
  'direct_award',
  'innovation_partnership',
  'framework',
  'open_tender',
  'other',
] as const;
export type ProcurementRoute = (typeof PROCUREMENT_ROUTES)[number];

/**
 * `buyer`: a member (sponsor role) of the buyer organisation. `programme_manager`: a manager
 * of the contract's programme. The startup records and reads contracts but never moves them:
 * the award and the life of a contract are the buyer's acts (or a programme manager's for it).
 */
export type ContractActor = 'buyer' | 'programme_manager' | 'startup';

/** The contract life cycle as data; terminating needs a reason, `completed` and `terminated` are final. */
export const CONTRACT_STATE_MACHINE = new StateMachine<ContractStatus, ContractActor>(
  'contract',
  CONTRACT_STATUSES,
  [
    { from: ['draft'], to: 'awarded', by: ['buyer', 'programme_manager'] },
    { from: ['awarded'], to: 'active', by: ['buyer', 'programme_manager'] },
    { from: ['active'], to: 'completed', by: ['buyer', 'programme_manager'] },
    {
      from: ['draft', 'awarded', 'active'],
      to: 'terminated',
      by: ['buyer', 'programme_manager'],
      reasonRequired: true,
    },
  ],
);

/** Amendments and payments are recorded while the contract is open. */
export const OPEN_STATUSES: readonly ContractStatus[] = ['draft', 'awarded', 'active'];
/** Payments need an award. */
export const PAYABLE_STATUSES: readonly ContractStatus[] = ['awarded', 'active', 'completed'];
