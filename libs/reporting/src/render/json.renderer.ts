import { Readable } from 'node:stream';
import type { ReportContent } from './report-content';

export const REPORT_SCHEMA_VERSION = 1;

export interface JsonEnvelope {
  kind: string;
  generatedAt: string;
  parameters: Record<string, string | null>;
}

/**
 * The report for machines: `{ schemaVersion, kind, title, generatedAt, parameters, headline,
 * charts: [{ title, rows }], columns, rows }`, with `rows` streamed one by one (see
 * report-json.schema.ts).
 */
export function renderJson(content: ReportContent, envelope: JsonEnvelope): Readable {
  return Readable.from(
    (async function* () {
      const head = {
        schemaVersion: REPORT_SCHEMA_VERSION,
        kind: envelope.kind,
        title: content.title,
        subtitle: content.subtitle,
        generatedAt: envelope.generatedAt,
        parameters: envelope.parameters,
        headline: content.headline,
        charts: content.charts.map((c) => ({
          title: c.title,
          description: c.description,
          rows: c.data.rows,
        })),
        columns: content.table.columns.map((c) => ({ key: c.key, label: c.label, type: c.type })),
      };
      const opening = JSON.stringify(head);
      yield `${opening.slice(0, -1)},"rows":[`;
      let first = true;
      for await (const row of content.table.rows) {
        yield `${first ? '' : ','}${JSON.stringify(row)}`;
        first = false;
      }
      yield ']}';
    })(),
    { objectMode: false },
  );
}
