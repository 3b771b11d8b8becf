import type { EntityManager } from 'typeorm';
import type { Report } from '../reports/report.entity';
import type { ReportContent } from '../render/report-content';

/** What a report kind's builder gets: the report asked for, a manager to read with, the time. */
export interface BuildContext {
  report: Report;
  manager: EntityManager;
  now: Date;
  /** The instance's time zone (APP_TIMEZONE), for periods and dates. */
  timezone: string;
  /** Reports how far the build is, 0–100 (stored on the report, throttled). */
  progress(percent: number): Promise<void>;
}

export type ReportBuilder = (ctx: BuildContext) => Promise<ReportContent>;

/** Rows in keyset batches: `fetch(after)` returns the next batch after the last row's key. */
export async function* keyset<T>(
  fetch: (after: T | null) => Promise<T[]>,
  batchSize: number,
): AsyncGenerator<T> {
  let after: T | null = null;
  for (;;) {
    const batch = await fetch(after);
    for (const row of batch) yield row;
    if (batch.length < batchSize) return;
    after = batch[batch.length - 1];
  }
}

/** A date (YYYY-MM-DD) as the calendar shows it in `timezone`. */
export function dateIn(timezone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

export async function* fromArray<T>(rows: T[]): AsyncGenerator<T> {
  for (const row of rows) yield await Promise.resolve(row);
}
