import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HandlesJob, JobHandler } from '@catalyst/queues';
import { DeliveryService } from '../delivery/delivery.service';
import { NOTIFICATION_RULES } from '../rules/notification-rules';
import type { RoutedEvent } from '../rules/routed-event';
import { WebhooksService } from '../webhooks/webhooks.service';
import { ROUTE_EVENT_JOB } from './route-event.job';

/**
 * Turns one event into deliveries: every notification rule that speaks of it tells its
 * people (once each: the delivery key includes the event's id), the invitation e-mail the
 * request recorded is queued, and the webhooks fan out. Safe to run twice.
 */
@Injectable()
@HandlesJob(ROUTE_EVENT_JOB)
export class RouteEventHandler implements JobHandler<RoutedEvent> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveries: DeliveryService,
    private readonly webhooks: WebhooksService,
  ) {}

  async handle(event: RoutedEvent): Promise<{ told: number; webhooks: number }> {
    let told = 0;
    for (const rule of NOTIFICATION_RULES) {
      if (!rule.events.includes(event.action)) continue;
      const tellings = await rule.tell(this.dataSource.manager, event);
      await this.deliveries.tell(
        tellings.map((t) => ({
          rule: rule.name,
          subject: `${event.entityType}:${event.entityId}`,
          occasion: `event:${event.eventId}`,
          essential: rule.essential,
          ...t,
        })),
      );
      told += tellings.reduce((n, t) => n + t.recipients.length, 0);
    }
    if (event.action === 'invitation.created') {
      await this.deliveries.kick('invitation', `invitation:${event.entityId}`);
    }
    const webhooks = await this.webhooks.fanOut(event);
    return { told, webhooks };
  }
}
