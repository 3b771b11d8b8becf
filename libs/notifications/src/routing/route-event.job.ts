import { QUICK_RETRY, QueueName, defineJob } from '@catalyst/queues';
import type { RoutedEvent } from '../rules/routed-event';

/**
 * One domain event to route: to the people the notification rules name, and to the webhook
 * endpoints subscribed to it (`route-event.<eventId>`, relayed from the outbox).
 */
export const ROUTE_EVENT_JOB = defineJob<RoutedEvent>({
  name: 'route-event',
  queue: QueueName.Notifications,
  retry: QUICK_RETRY,
});
