import { DateTime } from 'luxon';

/** The `version` hidden field, sent back as the If-Match the API takes. */
export function versionOf(form: Record<string, string>): number | undefined {
  const version = Number(form.version);
  return Number.isInteger(version) && version > 0 ? version : undefined;
}

/** A trimmed reason, or nothing (so the domain says a required one is missing). */
export function reasonOf(form: Record<string, string>): { reason?: string } {
  const reason = form.reason?.trim();
  return reason ? { reason } : {};
}

/**
 * A date and a time of day typed in a zone, as the instant (with its offset) the API takes;
 * what was typed, unchanged, when it is not a date and time (the domain then names the field).
 */
export function instantIn(date: string | undefined, time: string | undefined, zone: string) {
  const typed = `${(date ?? '').trim()}T${(time ?? '').trim() || '00:00'}`;
  const at = DateTime.fromISO(typed, { zone });
  return at.isValid ? at.toISO({ suppressMilliseconds: true }) : (date ?? '').trim();
}

/** An instant's date and time of day in a zone, for a form's fields. */
export function localParts(iso: string | Date, zone: string): { date: string; time: string } {
  const at = (iso instanceof Date ? DateTime.fromJSDate(iso) : DateTime.fromISO(iso)).setZone(zone);
  return { date: at.toISODate() ?? '', time: at.toFormat('HH:mm') };
}
