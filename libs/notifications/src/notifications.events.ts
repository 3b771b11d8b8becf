import { subscribe } from '@catalyst/audit';
import { ROUTE_EVENT_JOB } from './routing/route-event.job';
import { NOTIFIED_EVENTS } from './rules/notification-rules';
import { WEBHOOK_EVENT_TYPES } from './webhooks/webhook-events';

/**
 * The notifications library's own events (see DomainEvents in libs/audit), and its one
 * subscription: every event a notification rule or a webhook may speak of (and the
 * invitation, whose e-mail the request recorded) becomes a `route-event` job, besides any
 * other subscriber's (application.submitted also feeds assessment's conflict check).
 */
declare module '@catalyst/audit' {
  interface DomainEvents {
    'webhook_endpoint.created': { organisationId: string; url: string; events: string[] };
    'webhook_endpoint.updated': {
      organisationId: string;
      changes: Record<string, { from: unknown; to: unknown }>;
    };
    'webhook_endpoint.deleted': { organisationId: string; url: string };
    'webhook_endpoint.secret_rotated': { organisationId: string };
    'webhook_endpoint.disabled': { organisationId: string };
    'notification_preferences.updated': { nonEssentialEmail: boolean };
    'calendar_feed.revoked': { generation: number };
  }
}

export const ROUTED_EVENTS: readonly string[] = [
  ...new Set([...NOTIFIED_EVENTS, ...WEBHOOK_EVENT_TYPES, 'invitation.created']),
];

subscribe(ROUTED_EVENTS, {
  name: 'notifications',
  job: ROUTE_EVENT_JOB,
  jobId: (e) => `route-event.${e.eventId}`,
  jobData: (e) => ({
    eventId: e.eventId,
    action: e.action,
    programmeId: e.programmeId,
    entityType: e.entityType,
    entityId: e.entityId,
    data: e.data ?? {},
  }),
});
