import { DateTime } from 'luxon';

/** A domain event as the outbox hands it to notifications and webhooks. */
export interface RoutedEvent {
  eventId: string;
  action: string;
  programmeId: string | null;
  entityType: string;
  entityId: string;
  data: Record<string, unknown>;
}

/** "Monday 1 March 2027 at 12:00 GMT": an instant as people in the zone read it. */
export function wallClock(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at).setZone(timeZone).toFormat("cccc d LLLL yyyy 'at' HH:mm ZZZZ");
}

/** "Monday 1 March 2027": a date (`YYYY-MM-DD`). */
export function longDate(date: string): string {
  return DateTime.fromISO(date).toFormat('cccc d LLLL yyyy');
}
