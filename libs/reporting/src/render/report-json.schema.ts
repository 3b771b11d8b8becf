import { COHORT_PROGRESS_COLUMNS } from '../kinds/cohort-progress.report';
import { IMPACT_COLUMNS } from '../kinds/impact.report';
import { ROUND_FUNNEL_COLUMNS } from '../kinds/round-funnel.report';
import { SPONSOR_DIGEST_COLUMNS } from '../kinds/sponsor-digest.report';
import type { ReportKind } from '../reports/report.entity';
import { REPORT_SCHEMA_VERSION } from './json.renderer';
import type { ReportColumn } from './report-content';

const COLUMNS: Record<ReportKind, ReportColumn[]> = {
  round_funnel: ROUND_FUNNEL_COLUMNS,
  cohort_progress: COHORT_PROGRESS_COLUMNS,
  sponsor_digest: SPONSOR_DIGEST_COLUMNS,
  impact: IMPACT_COLUMNS,
};

function cellSchema(column: ReportColumn): Record<string, unknown> {
  const base: Record<string, unknown> =
    column.type === 'integer'
      ? { type: 'integer' }
      : column.type === 'number'
        ? { type: 'number' }
        : column.type === 'boolean'
          ? { type: 'boolean' }
          : column.type === 'decimal'
            ? { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' }
            : column.type === 'date'
              ? { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }
              : { type: 'string' };
  return column.nullable ? { anyOf: [base, { type: 'null' }] } : base;
}

/** The JSON Schema (draft 2020-12) of a report kind's JSON file, schema version 1. */
export function reportJsonSchema(kind: ReportKind): Record<string, unknown> {
  const columns = COLUMNS[kind];
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://catalyst.invalid/schemas/reports/${kind}.v${REPORT_SCHEMA_VERSION}.json`,
    type: 'object',
    additionalProperties: false,
    required: [
      'schemaVersion',
      'kind',
      'title',
      'generatedAt',
      'parameters',
      'headline',
      'charts',
      'columns',
      'rows',
    ],
    properties: {
      schemaVersion: { const: REPORT_SCHEMA_VERSION },
      kind: { const: kind },
      title: { type: 'string' },
      subtitle: { type: 'string' },
      generatedAt: { type: 'string', format: 'date-time' },
      parameters: {
        type: 'object',
        additionalProperties: { type: ['string', 'null'] },
      },
      headline: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['label', 'value'],
          properties: { label: { type: 'string' }, value: { type: 'string' } },
        },
      },
      charts: {
        type: 'array',
        items: {
          type: 'object',
          required: ['title', 'description', 'rows'],
          properties: {
            title: { type: 'string' },
            description: { type: 'string' },
            rows: { type: 'array', items: { type: 'object' } },
          },
        },
      },
      columns: {
        type: 'array',
        items: {
          type: 'object',
          required: ['key', 'label', 'type'],
          properties: {
            key: { type: 'string' },
            label: { type: 'string' },
            type: { type: 'string' },
          },
        },
      },
      rows: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: columns.map((c) => c.key),
          properties: Object.fromEntries(columns.map((c) => [c.key, cellSchema(c)])),
        },
      },
    },
  };
}
