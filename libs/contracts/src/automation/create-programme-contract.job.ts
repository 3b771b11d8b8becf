import { QUICK_RETRY, QueueName, defineJob } from '@catalyst/queues';

/**
 * On `application.exploration` / `application.selected`: drafts the application's
 * exploration or accelerator contract from its round's defaults. Ids only; the handler reads
 * current state.
 */
export const CREATE_PROGRAMME_CONTRACT_JOB = defineJob<{
  applicationId: string;
  kind: 'exploration' | 'accelerator';
}>({
  name: 'create-programme-contract',
  queue: QueueName.Contracts,
  // Safe to repeat: one contract per (application, kind), a unique index.
  retry: QUICK_RETRY,
});
