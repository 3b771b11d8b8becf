import { MAIL_RETRY, QueueName, defineJob } from '@catalyst/queues';

/**
 * Sends one pending e-mail delivery (`send-email.<deliveryId>`: queued twice, sent once). The
 * delivery row is locked while the message goes out and marked sent before the job completes.
 */
export const SEND_EMAIL_JOB = defineJob<{ deliveryId: string }>({
  name: 'send-email',
  queue: QueueName.Notifications,
  retry: MAIL_RETRY,
});
