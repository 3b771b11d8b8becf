import autocannon from 'autocannon';

/** One side of a comparison in one round: the figure and what else was seen. */
export interface Sample {
  value: number;
  p50?: number;
  p99?: number;
  errors?: number;
  bytesPerResponse?: number;
}

export interface Load {
  url: string;
  connections: number;
  seconds: number;
  /** Instead of `seconds`: stop after this many responses (none in flight is discarded). */
  amount?: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

/** Requests per second, p99 latency and failures of `load`, through autocannon. */
export async function hammer(load: Load): Promise<Sample> {
  const result = await autocannon({
    url: load.url,
    connections: load.connections,
    // A slow page under load may take longer than autocannon's default 10 s timeout.
    ...(load.amount ? { amount: load.amount, timeout: 300 } : { duration: load.seconds }),
    method: load.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...load.headers },
    body: load.body,
  });
  const responses = result.requests.total || 1;
  return {
    value: load.amount ? result.requests.total / result.duration : result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    bytesPerResponse: Math.round(result.throughput.total / responses),
  };
}

/** Milliseconds per call of `op`, run `times` times one after another. */
export async function timeSequential(times: number, op: () => Promise<unknown>): Promise<Sample> {
  await op();
  const started = process.hrtime.bigint();
  for (let i = 0; i < times; i++) await op();
  return { value: Number(process.hrtime.bigint() - started) / 1e6 / times };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A, B, A, B … `rounds` times, so both sides see the same noise; the runs of each side. */
export async function interleave(
  rounds: number,
  a: (round: number) => Promise<Sample>,
  b: (round: number) => Promise<Sample>,
): Promise<{ a: Sample[]; b: Sample[] }> {
  const out = { a: [] as Sample[], b: [] as Sample[] };
  for (let round = 0; round < rounds; round++) {
    out.a.push(await a(round));
    out.b.push(await b(round));
  }
  return out;
}
