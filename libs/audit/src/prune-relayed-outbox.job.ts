import { QUICK_RETRY, QueueName, defineJob } from '@catalyst/queues';

/** How long relayed outbox rows are kept, to answer "was this event relayed, and when". */
export const RELAYED_OUTBOX_RETENTION_DAYS = 7;

/** Daily: deletes outbox rows relayed more than a week ago (the audit trail keeps the event). */
export const PRUNE_RELAYED_OUTBOX_JOB = defineJob<Record<string, never>>({
  name: 'prune-relayed-outbox',
  queue: QueueName.Maintenance,
  // A missed run is harmless: the next one deletes whatever this one did not.
  retry: QUICK_RETRY,
  schedule: {
    key: 'prune-relayed-outbox-daily',
    pattern: '30 3 * * *',
    tz: 'Europe/London',
    data: {},
  },
});
