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

/**
 * "Monday 1 March 2027 at 12:00 GMT (Europe/London)": an instant as people in the zone read
 * it, with the zone's own abbreviation (BST, EST) where one is in common use.
 */
export function wallClock(at: Date, timeZone: string): string {
  const local = DateTime.fromJSDate(at).setZone(timeZone);
  const named = ['en-GB', 'en-US']
    .map((locale) => local.setLocale(locale).toFormat('ZZZZ'))
    .find((abbreviation) => /^[A-Z]{2,5}$/.test(abbreviation));
  return `${local.setLocale('en-GB').toFormat("cccc d LLLL yyyy 'at' HH:mm")} ${named ?? local.toFormat('ZZ')} (${timeZone})`;
}

/** "Monday 1 March 2027": a date (`YYYY-MM-DD`). */
export function longDate(date: string): string {
  return DateTime.fromISO(date).toFormat('cccc d LLLL yyyy');
}

/** "£12,500.00": an amount in minor units, with its currency's own number of decimals. */
export function formatMoney(amount: { amountMinor: number; currency: string }): string {
  const format = new Intl.NumberFormat('en-GB', { style: 'currency', currency: amount.currency });
  const decimals = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount.amountMinor / 10 ** decimals);
}
