/**
 * How every worker process is started (`npm run start:worker`, docker-compose, the quick start
 * and the benchmark): with V8's old generation capped at 128 MB and each of its young
 * generation's semi-spaces at 8 MB. Reports read in keyset batches
 * and write through a stream, so no job needs more; without a cap V8 lets the heap grow lazily
 * towards its default (about 2 GB here) and the worker's resident memory creeps up report after
 * report although nothing is retained. With it, the worker's peak RSS stays under 256 MB at every
 * scale (the benchmark shows it). The young generation's default lets it grow to tens of MB
 * while a report streams 100,000 rows: the impact report over 100,000 contracts peaked at
 * 255–280 MB with the old-generation cap alone and at 196–201 MB with 8 MB semi-spaces, and built
 * in 5.8–7.0 s instead of 8.7–13.0 s (four builds each, same database; bench/README.md). Raise it with NODE_OPTIONS=--max-old-space-size=… only for a
 * job of your own that genuinely holds more.
 */
export const WORKER_NODE_FLAGS: readonly string[] = [
  '--max-old-space-size=128',
  '--max-semi-space-size=8',
];
