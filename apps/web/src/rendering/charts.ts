import { ReportChart, renderChartSvg } from '@catalyst/reporting';

/** A chart as a page shows it: the SVG (with its text alternative) and its data as a table. */
export interface ChartFigure {
  title: string;
  description: string;
  svg: string;
  columns: { key: string; label: string }[];
  rows: Record<string, string | number | boolean | null>[];
}

/**
 * Draws a chart with the reports' own renderer (the same SVG as a report's HTML), so what a
 * page shows and what a downloaded report shows never differ; no chart without data.
 */
export async function chartFigure(chart: ReportChart): Promise<ChartFigure | null> {
  if (!chart.data.rows.length) return null;
  return {
    title: chart.title,
    description: chart.description,
    svg: await renderChartSvg(chart),
    columns: chart.data.columns.map(({ key, label }) => ({ key, label })),
    rows: chart.data.rows,
  };
}
