import { QUICK_RETRY, QueueName, defineJob } from '@catalyst/queues';

/**
 * Every minute: opens ready rounds at opensAt and ends open calls at closesAt. The payload is
 * empty: the handler finds the due rounds from the clock.
 */
export const ROUND_CALENDAR_JOB = defineJob<Record<string, never>>({
  name: 'round-calendar',
  queue: QueueName.Rounds,
  // A missed minute is caught up by the next run, which finds every round still due.
  retry: QUICK_RETRY,
  schedule: {
    key: 'round-calendar-every-minute',
    pattern: '* * * * *',
    tz: 'UTC',
    data: {},
  },
});
