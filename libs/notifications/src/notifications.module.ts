import { Module } from '@nestjs/common';
import { CalendarFeedService } from './calendar/calendar-feed.service';
import { DeliveryService } from './delivery/delivery.service';
import { Mailer } from './delivery/mailer.service';
import { SendEmailHandler } from './delivery/send-email.handler';
import { InboxService } from './inbox/inbox.service';
import { EmailInvitationDelivery } from './invitations/email-invitation-delivery';
import { PreferencesService } from './preferences/preferences.service';
import { ReminderScanHandler } from './reminders/reminder-scan.handler';
import { RouteEventHandler } from './routing/route-event.handler';
import { DeliverWebhookHandler } from './webhooks/deliver-webhook.handler';
import { WebhookPolicy } from './webhooks/webhook.policy';
import { WebhooksService } from './webhooks/webhooks.service';

const SERVICES = [
  DeliveryService,
  InboxService,
  PreferencesService,
  CalendarFeedService,
  WebhookPolicy,
  WebhooksService,
  EmailInvitationDelivery,
];

/**
 * The API side: the inbox, preferences, the calendar feed, webhook registration, and the
 * invitation e-mail recorded in the invitation's transaction. Needs the global DataSource,
 * Clock, AuditService and configuration.
 */
@Module({
  providers: SERVICES,
  exports: SERVICES,
})
export class NotificationsModule {}

/**
 * The worker side: routing events (relayed from the outbox) to people and webhooks, the
 * reminder scan, sending e-mail and delivering webhooks.
 */
@Module({
  providers: [
    ...SERVICES,
    Mailer,
    RouteEventHandler,
    ReminderScanHandler,
    SendEmailHandler,
    DeliverWebhookHandler,
  ],
  exports: [...SERVICES, Mailer],
})
export class NotificationsJobsModule {}
