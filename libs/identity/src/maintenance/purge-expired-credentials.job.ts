import { QUICK_RETRY, QueueName, defineJob } from '@catalyst/queues';

/**
 * Daily: deletes the refresh tokens of sign-ins that ended more than a week ago. The payload
 * is empty: the handler works out what is due from the clock.
 */
export const PURGE_EXPIRED_CREDENTIALS_JOB = defineJob<Record<string, never>>({
  name: 'purge-expired-credentials',
  queue: QueueName.Maintenance,
  // A missed purge is harmless: tomorrow's run deletes whatever this one did not.
  retry: QUICK_RETRY,
  schedule: {
    key: 'purge-expired-credentials-daily',
    // A quiet hour in the UK, where the programme runs.
    pattern: '0 3 * * *',
    tz: 'Europe/London',
    data: {},
  },
});
