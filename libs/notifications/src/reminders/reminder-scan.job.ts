import { QUICK_RETRY, QueueName, defineJob } from '@catalyst/queues';

/**
 * Every REMINDER_SCAN_EVERY ms (one job scheduler under a stable key, however many workers):
 * finds the reminders due now and delivers each once. The payload is empty: the handler
 * reads the clock.
 */
export const REMINDER_SCAN_JOB = defineJob<Record<string, never>>({
  name: 'reminder-scan',
  queue: QueueName.Notifications,
  retry: QUICK_RETRY,
  schedule: {
    key: 'reminder-scan',
    every: (config) => config.reminderScanEveryMs,
    data: {},
  },
});
