import { QUICK_RETRY, QueueName, defineJob } from '@catalyst/queues';

/**
 * Every quarter of an hour: deletes reports past their expiry (row and file) and fails the
 * running ones whose build stopped sending heartbeats (a worker killed for good).
 */
export const PURGE_REPORTS_JOB = defineJob<Record<string, never>>({
  name: 'purge-reports',
  queue: QueueName.Reports,
  retry: QUICK_RETRY,
  schedule: { key: 'reports-purge', pattern: '*/15 * * * *', tz: 'UTC', data: {} },
});
