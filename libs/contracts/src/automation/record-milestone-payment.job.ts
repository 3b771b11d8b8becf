import { QUICK_RETRY, QueueName, defineJob } from '@catalyst/queues';

/**
 * On `milestone.paid`: records the milestone's payment on its team's accelerator contract.
 * Ids only; the handler reads the milestone and the contract as they are now.
 */
export const RECORD_MILESTONE_PAYMENT_JOB = defineJob<{ milestoneId: string; teamId: string }>({
  name: 'record-milestone-payment',
  queue: QueueName.Contracts,
  // Safe to repeat: one payment per milestone, a unique index.
  retry: QUICK_RETRY,
});
