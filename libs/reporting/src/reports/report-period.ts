import { ReportPeriodInvalidError } from '../reporting.errors';

const DAY = 86_400_000;

function parse(date: string): number {
  const t = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== date)
    throw new ReportPeriodInvalidError(`has an impossible date '${date}'`);
  return t;
}

/** `YYYY-MM-DD/YYYY-MM-DD`, inclusive, at most 366 days. */
export function parsePeriod(period: string): { from: string; to: string } {
  const [from, to] = period.split('/');
  const a = parse(from);
  const b = parse(to);
  if (b < a) throw new ReportPeriodInvalidError('ends before it starts');
  if ((b - a) / DAY >= 366) throw new ReportPeriodInvalidError('is longer than 366 days');
  return { from, to };
}

/** The last full week (Monday to Sunday) before the day `today` (YYYY-MM-DD). */
export function lastFullWeek(today: string): { from: string; to: string } {
  const t = parse(today);
  const weekday = (new Date(t).getUTCDay() + 6) % 7; // Monday 0
  const monday = t - weekday * DAY;
  return {
    from: new Date(monday - 7 * DAY).toISOString().slice(0, 10),
    to: new Date(monday - DAY).toISOString().slice(0, 10),
  };
}
