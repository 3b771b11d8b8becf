import { QUICK_RETRY, QueueName, defineJob } from '@catalyst/queues';

/**
 * On `application.submitted`: the members of the submitting company who sit on the challenge's
 * panel become competitors of every applicant, so their assessments there are conflicted at
 * once rather than at the next assignment run. Ids only; the handler reads current state.
 */
export const CONFLICT_COMPETITORS_JOB = defineJob<{ applicationId: string }>({
  name: 'conflict-competitors',
  queue: QueueName.Assessment,
  // Safe to repeat: a second run finds nothing left to move.
  retry: QUICK_RETRY,
});
