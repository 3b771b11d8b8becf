import type { Locale } from '../i18n/i18n';

export interface Formats {
  /** A date and time in the given IANA zone (the round's), with the zone's name. */
  dateTime: (iso: string | Date | null | undefined, timeZone: string) => string;
  /** A calendar date in the given zone. */
  date: (iso: string | Date | null | undefined, timeZone: string) => string;
  /** Money in minor units (pence, öre) in its currency. */
  money: (money: { amountMinor: number; currency: string } | null | undefined) => string;
}

/** Dates, times and money written the way the page's language writes them (Intl). */
export function formatsFor(locale: Locale): Formats {
  const asDate = (v: string | Date) => (v instanceof Date ? v : new Date(v));
  return {
    dateTime: (value, timeZone) =>
      value
        ? new Intl.DateTimeFormat(locale, {
            day: 'numeric',
            month: 'long',
            year: 'numeric',
            hour: '2-digit',
            minute: '2-digit',
            timeZone,
            timeZoneName: 'short',
          }).format(asDate(value))
        : '',
    date: (value, timeZone) =>
      value
        ? new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(asDate(value))
        : '',
    money: (money) => {
      if (!money) return '';
      const digits =
        new Intl.NumberFormat(locale, {
          style: 'currency',
          currency: money.currency,
        }).resolvedOptions().maximumFractionDigits ?? 2;
      return new Intl.NumberFormat(locale, {
        style: 'currency',
        currency: money.currency,
        maximumFractionDigits: money.amountMinor % 10 ** digits === 0 ? 0 : digits,
      }).format(money.amountMinor / 10 ** digits);
    },
  };
}
