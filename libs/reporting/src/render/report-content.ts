/** A column of a report's table: its key (the CSV header and the JSON field) and type. */
export interface ReportColumn {
  key: string;
  label: string;
  /** `decimal`: money as a decimal string (its currency in a column of its own). */
  type: 'string' | 'integer' | 'number' | 'decimal' | 'date' | 'boolean';
  nullable?: boolean;
}

export type Cell = string | number | boolean | null;
export type ReportRow = Record<string, Cell>;

/** A small table: its columns and rows (aggregates, a few hundred rows at most). */
export interface ReportTable {
  title: string;
  columns: ReportColumn[];
  rows: ReportRow[];
}

/** A bar chart over a small aggregate table, drawn server-side; the table is shown beside it. */
export interface ReportChart {
  title: string;
  /** The text alternative: what the chart shows, in a sentence. */
  description: string;
  x: { field: string; title: string; sort?: string[] };
  y: { field: string; title: string };
  /** Bars split (stacked) or grouped by this field. */
  color?: { field: string; title: string };
  data: ReportTable;
}

/**
 * What a report says, whatever its format: headline figures, charts with their data, and one
 * tidy table (the CSV; streamed, so it may be as long as the data). `rows` is read once.
 */
export interface ReportContent {
  title: string;
  subtitle: string;
  headline: { label: string; value: string }[];
  charts: ReportChart[];
  table: { title: string; columns: ReportColumn[]; rows: AsyncIterable<ReportRow> };
}

/** Minor units to a decimal string (`123456`, GBP → `1234.56`), exact, for the currency. */
export function decimal(amountMinor: number | string | bigint, currency: string): string {
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  const minor = BigInt(amountMinor);
  const negative = minor < 0n;
  const abs = (negative ? -minor : minor).toString().padStart(digits + 1, '0');
  const whole = digits ? abs.slice(0, -digits) : abs;
  const frac = digits ? `.${abs.slice(-digits)}` : '';
  return `${negative ? '-' : ''}${whole}${frac}`;
}

/** A share 0…1 rounded to four decimals (0 when there is nothing to divide). */
export function share(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;
}
