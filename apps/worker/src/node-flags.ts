/**
 * How every worker process is started (`npm run start:worker`, docker-compose, the quick start
 * and the benchmark): V8's old generation capped at 128 MB, and each semi-space of its young
 * generation at 8 MB. Reports read in batches and write through a stream, so no job needs more.
 * Without the first cap V8 lets the heap grow lazily towards its default (about 2 GB here) and
 * the worker's resident memory creeps up report after report although nothing is retained;
 * with it alone, the young generation still grew to tens of MB while a report streamed 100,000
 * rows: the impact report over 100,000 contracts peaked at 239–280 MB of RSS (two workers, four
 * builds each), against 188–201 MB with 8 MB semi-spaces, which also built it in 5.8–7.0 s
 * instead of 8.7–13.0 s (bench/README.md). Raise them with NODE_OPTIONS only for a job of your
 * own that genuinely holds more.
 */
export const WORKER_NODE_FLAGS: readonly string[] = [
  '--max-old-space-size=128',
  '--max-semi-space-size=8',
];
