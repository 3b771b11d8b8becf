import type { TopLevelSpec } from 'vega-lite';
import type { ReportChart } from './report-content';

type VegaModule = typeof import('vega');
type VegaLiteModule = typeof import('vega-lite');

let modules: Promise<[VegaModule, VegaLiteModule]> | undefined;

/**
 * vega and vega-lite are ESM with top-level await: loaded once, by dynamic import, one after
 * the other (they share dependencies; two imports racing over them fail to link under Jest's
 * ESM loader).
 */
function load(): Promise<[VegaModule, VegaLiteModule]> {
  modules ??= (async () => {
    const vega = await import('vega');
    const vl = await import('vega-lite');
    return [vega, vl] as [VegaModule, VegaLiteModule];
  })();
  return modules;
}

/** The Vega-Lite bar chart of a report chart: axis titles, a title and a description. */
export function chartSpec(chart: ReportChart): TopLevelSpec {
  const x: Record<string, unknown> = {
    field: chart.x.field,
    type: 'nominal',
    title: chart.x.title,
    sort: chart.x.sort ?? null,
    axis: { labelAngle: -30, labelLimit: 160 },
  };
  const encoding: Record<string, unknown> = {
    x,
    y: { field: chart.y.field, type: 'quantitative', title: chart.y.title },
  };
  if (chart.color) {
    encoding.color = { field: chart.color.field, type: 'nominal', title: chart.color.title };
    encoding.xOffset = { field: chart.color.field };
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: chart.title,
    description: chart.description,
    width: 560,
    height: 260,
    data: { values: chart.data.rows },
    mark: { type: 'bar', tooltip: false },
    encoding,
  };
}

/**
 * The chart as an SVG string, rendered without a browser or canvas; the SVG carries the chart's
 * title (`<title>`) and description (`<desc>`, aria-label) as its text alternative.
 */
export async function renderChartSvg(chart: ReportChart): Promise<string> {
  const [vega, vl] = await load();
  const compiled = vl.compile(chartSpec(chart)).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    return svg.replace(
      /^<svg([^>]*)>/,
      (_m, attrs: string) =>
        `<svg${attrs.replace(/\srole="[^"]*"|\saria-[a-z]+="[^"]*"/g, '')} role="img" aria-label="${escapeHtml(chart.description)}"><title>${escapeHtml(chart.title)}</title><desc>${escapeHtml(chart.description)}</desc>`,
    );
  } finally {
    view.finalize();
  }
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
