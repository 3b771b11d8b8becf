import { CalendarFeed } from './calendar/calendar-feed.entity';
import { NotificationDelivery } from './delivery/notification-delivery.entity';
import { Notification } from './inbox/notification.entity';
import { NotificationPreference } from './preferences/notification-preference.entity';
import { WebhookAttempt } from './webhooks/webhook-attempt.entity';
import { WebhookDelivery } from './webhooks/webhook-delivery.entity';
import { WebhookEndpoint } from './webhooks/webhook-endpoint.entity';

export const NOTIFICATIONS_ENTITIES = [
  Notification,
  NotificationDelivery,
  NotificationPreference,
  CalendarFeed,
  WebhookEndpoint,
  WebhookDelivery,
  WebhookAttempt,
];
