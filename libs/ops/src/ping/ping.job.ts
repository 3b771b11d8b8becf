import { QUICK_RETRY, QueueName, defineJob } from '@catalyst/queues';

/** A no-op round trip API → outbox → queue → worker → PostgreSQL, proving the path works. */
export const PING_JOB = defineJob<{ pingId: string }>({
  name: 'ping',
  queue: QueueName.Maintenance,
  retry: QUICK_RETRY,
});
