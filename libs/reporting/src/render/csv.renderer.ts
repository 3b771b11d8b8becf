import { stringify } from 'csv-stringify';
import { Readable } from 'node:stream';
import type { ReportContent } from './report-content';

/**
 * The tidy table as CSV: a header row of column keys, one line per row, UTF-8 without BOM,
 * money as decimals beside a currency column, dates ISO 8601. Rows stream through.
 */
export function renderCsv(content: ReportContent): Readable {
  const columns = content.table.columns.map((c) => c.key);
  const rows = Readable.from(
    (async function* () {
      for await (const row of content.table.rows) {
        yield columns.map((key) => {
          const value = row[key];
          return value === null || value === undefined ? '' : value;
        });
      }
    })(),
  );
  return rows.pipe(
    stringify({
      header: true,
      columns,
      bom: false,
      cast: { boolean: (v) => (v ? 'true' : 'false') },
    }),
  );
}
