/**
 * How each figure's cost grows with the data: the same figure from two runs at different
 * scales (`bench/results/scale-<s>.json`, written by every full run), its cost ratio beside the
 * data ratio. The seeder grows the programme by its years (rounds, teams, contracts,
 * notifications, audit events), so work over the whole programme may grow with the data
 * (≤ 4.5× for 4× the data) while a page, one round's report or one challenge's ranking must not
 * (≤ 1.2×). Two runs are two moments of a machine: read these beside each run's load average.
 */

export interface GrowthInput {
  scale: number;
  machine: { loadAverageAtStart: number[] };
  results: { name: string; value: number; unit: string; baselineValue?: number | null }[];
}

export interface Growth {
  figure: string;
  kind: 'grows with the data' | 'one page or round';
  fromScale: number;
  toScale: number;
  from: number;
  to: number;
  unit: string;
  dataRatio: number;
  /** Cost at the larger scale over cost at the smaller (time, or 1 / throughput). */
  costRatio: number;
  /** The same for the figure's bare baseline in the same two runs, when it has one. */
  baselineCostRatio: number | null;
  target: string;
  met: boolean;
}

/**
 * Work whose data grows with the scale: what reads the whole programme, and what reads the
 * round in its accelerator (its cohort is 144 teams at scale 1, 36 at 0.25: seed.ts), which the
 * round progress, the cohort report and the sponsor's last year cover.
 */
const GROWS = [
  /^reminder scan over the whole dataset/,
  /^web: programme dashboard/,
  /^report: impact/,
  /^GET \/rounds\/\{id\}\/progress/,
  /^report: cohort progress/,
  /^report: sponsor digest/,
];
/** Figures with a fixed target of their own rather than a growth target. */
const NOT_COMPARED = [/peak RSS$/, /^POST \/auth\/login/];
const THROUGHPUT = new Set(['req/s', 'writes/s', 'deliveries/s']);

/** The figure without the counts that change with the scale ("last page, 12 of 12"); p50 and p99 stay. */
export function figureKey(name: string): string {
  return name.replace(/(?<![p\d,.])\d[\d,.]*/g, 'N');
}

export function growth(small: GrowthInput, large: GrowthInput): Growth[] {
  const dataRatio = large.scale / small.scale;
  const before = new Map(small.results.map((r) => [figureKey(r.name), r]));
  const out: Growth[] = [];
  for (const r of large.results) {
    const key = figureKey(r.name);
    const s = before.get(key);
    if (!s || s.unit !== r.unit || !s.value || !r.value) continue;
    if (NOT_COMPARED.some((p) => p.test(r.name))) continue;
    const whole = GROWS.some((p) => p.test(r.name));
    const cost = (a: number, b: number) => (THROUGHPUT.has(r.unit) ? a / b : b / a);
    const costRatio = cost(s.value, r.value);
    const bare = s.baselineValue && r.baselineValue ? cost(s.baselineValue, r.baselineValue) : null;
    const limit = whole ? dataRatio * 1.125 : 1.2;
    out.push({
      figure: key,
      kind: whole ? 'grows with the data' : 'one page or round',
      fromScale: small.scale,
      toScale: large.scale,
      from: s.value,
      to: r.value,
      unit: r.unit,
      dataRatio,
      costRatio: Math.round(costRatio * 100) / 100,
      baselineCostRatio: bare === null ? null : Math.round(bare * 100) / 100,
      target: `≤ ${Math.round(limit * 100) / 100}×`,
      met: costRatio <= limit,
    });
  }
  return out;
}

export function growthTable(rows: Growth[]): string {
  return [
    '| figure | kind | from | to | data | cost | baseline cost | target | met |',
    '|---|---|---:|---:|---:|---:|---:|---|---|',
    ...rows.map(
      (g) =>
        `| ${g.figure} | ${g.kind} | ${g.from} ${g.unit} (scale ${g.fromScale}) | ${g.to} ${g.unit} (scale ${g.toScale}) | ${g.dataRatio}× | ${g.costRatio}× | ${g.baselineCostRatio === null ? '' : `${g.baselineCostRatio}×`} | ${g.target} | ${g.met ? 'met' : 'NOT MET'} |`,
    ),
  ].join('\n');
}
