import { Module } from '@nestjs/common';
import { NotificationsModule } from '@catalyst/notifications';
import { NotificationsController } from './notifications.controller';
import { WebhooksController } from './webhooks.controller';

/** The HTTP side of notifications: the inbox, the calendar feed and webhooks. */
@Module({
  imports: [NotificationsModule],
  controllers: [NotificationsController, WebhooksController],
})
export class NotificationsHttpModule {}
