import { QueueName, WEBHOOK_RETRY, defineJob } from '@catalyst/queues';

/** One attempt at one webhook delivery (`deliver-webhook.<deliveryId>`), retried with backoff. */
export const DELIVER_WEBHOOK_JOB = defineJob<{ deliveryId: string }>({
  name: 'deliver-webhook',
  queue: QueueName.Webhooks,
  retry: WEBHOOK_RETRY,
});
