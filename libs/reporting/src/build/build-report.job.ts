import { QueueName, defineJob } from '@catalyst/queues';

/**
 * On `report.requested`: builds the report's file. Ids only; the handler reads the report row.
 * Two attempts: a worker that dies mid-build leaves the job stalled, BullMQ hands it to
 * another worker, which starts the file afresh; after that the stall sweep fails the report.
 */
export const BUILD_REPORT_JOB = defineJob<{ reportId: string }>({
  name: 'build-report',
  queue: QueueName.Reports,
  retry: { attempts: 2, backoff: { type: 'exponential', delay: 2000 } },
});
