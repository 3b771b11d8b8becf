import { Readable } from 'node:stream';
import { escapeHtml, renderChartSvg } from './chart.renderer';
import type { Cell, ReportColumn, ReportContent, ReportRow, ReportTable } from './report-content';

const STYLE = `body{font-family:system-ui,Arial,sans-serif;margin:2rem;color:#0b0c0c;max-width:72rem}
h1{font-size:2rem;margin-bottom:.25rem}.subtitle{color:#505a5f;margin-top:0}
.headline{display:flex;flex-wrap:wrap;gap:1rem;padding:0;list-style:none}
.headline li{border-left:5px solid #1d70b8;padding:.5rem 1rem;background:#f3f2f1;min-width:10rem}
.headline .value{display:block;font-size:1.6rem;font-weight:700}
figure{margin:2rem 0;display:flex;flex-wrap:wrap;gap:2rem;align-items:flex-start}
figcaption{flex-basis:100%;font-weight:700;font-size:1.2rem}
table{border-collapse:collapse;margin:1rem 0}th,td{border-bottom:1px solid #b1b4b6;padding:.3rem .6rem;text-align:left}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}caption{text-align:left;font-weight:700;padding:.3rem 0}`;

const NUMERIC = new Set<ReportColumn['type']>(['integer', 'number', 'decimal']);

function cell(value: Cell): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return escapeHtml(String(value));
}

function head(columns: ReportColumn[]): string {
  const ths = columns
    .map(
      (c) =>
        `<th scope="col"${NUMERIC.has(c.type) ? ' class="num"' : ''}>${escapeHtml(c.label)}</th>`,
    )
    .join('');
  return `<thead><tr>${ths}</tr></thead>`;
}

function row(columns: ReportColumn[], r: ReportRow): string {
  return `<tr>${columns
    .map((c) => `<td${NUMERIC.has(c.type) ? ' class="num"' : ''}>${cell(r[c.key])}</td>`)
    .join('')}</tr>\n`;
}

function smallTable(table: ReportTable): string {
  return `<table><caption>${escapeHtml(table.title)}</caption>${head(table.columns)}<tbody>${table.rows
    .map((r) => row(table.columns, r))
    .join('')}</tbody></table>`;
}

/**
 * One page for people: title, headline figures, each chart as inline SVG with its data table
 * beside it, then the full table (its rows streamed). Self-contained: no script, no external
 * resource.
 */
export function renderHtml(content: ReportContent, generatedAt: string): Readable {
  return Readable.from(
    (async function* () {
      yield (
        `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(content.title)}</title>` +
        `<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head><body>\n` +
        `<main><h1>${escapeHtml(content.title)}</h1><p class="subtitle">${escapeHtml(content.subtitle)} · generated ${escapeHtml(generatedAt)}</p>\n`
      );
      yield `<ul class="headline">${content.headline
        .map(
          (h) =>
            `<li><span class="label">${escapeHtml(h.label)}</span><span class="value">${escapeHtml(h.value)}</span></li>`,
        )
        .join('')}</ul>\n`;
      for (const chart of content.charts) {
        const svg = await renderChartSvg(chart);
        yield `<figure><figcaption>${escapeHtml(chart.title)}</figcaption><div class="chart">${svg}</div>${smallTable(chart.data)}</figure>\n`;
      }
      const { columns } = content.table;
      yield `<h2>${escapeHtml(content.table.title)}</h2><table class="data">${head(columns)}<tbody>\n`;
      for await (const r of content.table.rows) yield row(columns, r);
      yield `</tbody></table></main></body></html>\n`;
    })(),
    { objectMode: false },
  );
}
