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

/**
 * Rows of one statement through a server-side cursor, `batchSize` at a time, on a connection of
 * its own inside a read-only transaction: the statement is planned and evaluated once (a keyset
 * loop re-evaluates a CTE for every batch), and at most one batch is in memory.
 */
export async function* cursor<T>(
  manager: EntityManager,
  sql: string,
  parameters: unknown[],
  batchSize: number,
): AsyncGenerator<T> {
  const runner = manager.connection.createQueryRunner('slave');
  await runner.connect();
  try {
    await runner.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await runner.query(`DECLARE report_rows NO SCROLL CURSOR FOR ${sql}`, parameters);
    for (;;) {
      const batch = (await runner.query(`FETCH ${Math.floor(batchSize)} FROM report_rows`)) as T[];
      for (const row of batch) yield row;
      if (batch.length < batchSize) break;
    }
    await runner.query('COMMIT');
  } catch (error) {
    await runner.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
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
