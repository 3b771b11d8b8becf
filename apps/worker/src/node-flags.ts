/**
 * How every worker process is started (`npm run start:worker`, docker-compose, the quick start
 * and the benchmark): with V8's old generation capped at 128 MB. Reports read in keyset batches
 * and write through a stream, so no job needs more; without a cap V8 lets the heap grow lazily
 * towards its default (about 2 GB here) and the worker's resident memory creeps up report after
 * report although nothing is retained. With it, the worker's peak RSS stays under 256 MB at every
 * scale (the benchmark shows it). Raise it with NODE_OPTIONS=--max-old-space-size=… only for a
 * job of your own that genuinely holds more.
 */
export const WORKER_NODE_FLAGS: readonly string[] = ['--max-old-space-size=128'];
