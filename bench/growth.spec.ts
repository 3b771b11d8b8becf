import { figureKey, growth, type GrowthInput } from './growth';

const run = (scale: number, results: GrowthInput['results']): GrowthInput => ({
  scale,
  machine: { loadAverageAtStart: [0, 0, 0] },
  results,
});

describe('the benchmark compares a figure across scales', () => {
  it('matches a figure whose counts change with the scale, and keeps p50 and p99 apart', () => {
    expect(figureKey('GET /public/challenges?limit=10 (last page, 12 of 12) p99')).toBe(
      'GET /public/challenges?limit=N (last page, N of N) p99',
    );
    expect(figureKey('report: impact over 100,000 contracts, CSV, wall time')).toBe(
      'report: impact over N contracts, CSV, wall time',
    );
    expect(figureKey('web: ranking page p50')).not.toBe(figureKey('web: ranking page p99'));
  });

  it('reads throughput as cost inverted, times as they are, beside the baseline', () => {
    const rows = growth(
      run(0.25, [
        { name: 'GET /applications?limit=50', value: 400, unit: 'req/s', baselineValue: 900 },
        { name: 'ranking of 2000 applications', value: 100, unit: 'ms', baselineValue: 90 },
      ]),
      run(1, [
        { name: 'GET /applications?limit=50', value: 200, unit: 'req/s', baselineValue: 900 },
        { name: 'ranking of 2000 applications', value: 110, unit: 'ms', baselineValue: 99 },
      ]),
    );
    expect(rows.map((g) => [g.costRatio, g.baselineCostRatio, g.target, g.met])).toEqual([
      [2, 1, '≤ 1.2×', false],
      [1.1, 1.1, '≤ 1.2×', true],
    ]);
  });

  it('lets whole-programme work grow with the data, and leaves memory to its own target', () => {
    const rows = growth(
      run(0.25, [
        { name: 'web: programme dashboard (/manage) p50', value: 1000, unit: 'ms' },
        { name: 'report: impact (every round), CSV, wall time', value: 1, unit: 's' },
        { name: 'report: impact (every round), CSV, worker peak RSS', value: 200, unit: 'MB' },
      ]),
      run(1, [
        { name: 'web: programme dashboard (/manage) p50', value: 4400, unit: 'ms' },
        { name: 'report: impact (every round), CSV, wall time', value: 4.6, unit: 's' },
        { name: 'report: impact (every round), CSV, worker peak RSS', value: 250, unit: 'MB' },
      ]),
    );
    expect(rows.map((g) => [g.figure, g.kind, g.target, g.met])).toEqual([
      ['web: programme dashboard (/manage) p50', 'grows with the data', '≤ 4.5×', true],
      ['report: impact (every round), CSV, wall time', 'grows with the data', '≤ 4.5×', false],
    ]);
  });
});
