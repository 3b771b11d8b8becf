import { Queue } from 'bullmq';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { QueueName } from '@catalyst/queues';
import { ROOT } from './root';
import type { Stack } from './stack';
import type { Figures } from './workload';

/** CI runs short bursts; `npm run test:resilience -- --full` the long ones. */
export const FULL = process.env.RESILIENCE_FULL === '1';

/** Runs `tasks` with at most `concurrency` at once, keeping their order in the result. */
export async function inParallel<T, R>(
  items: T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await task(items[i], i);
      }
    }),
  );
  return results;
}

/** A BullMQ queue of the stack's Redis (the apps' default prefix), for inspection. */
export function queueOf(redisUrl: string, name: QueueName): Queue {
  const url = new URL(redisUrl);
  const queue = new Queue(name, {
    prefix: 'catalyst',
    connection: { host: url.hostname, port: Number(url.port), maxRetriesPerRequest: null },
  });
  queue.on('error', () => undefined);
  return queue;
}

/**
 * Jobs waiting, active or delayed in every queue (0: the worker has caught up). The next run
 * of a recurring job (a delayed job of a job scheduler, always there) is not counted.
 */
export async function pendingJobs(redisUrl: string): Promise<number> {
  let pending = 0;
  for (const name of Object.values(QueueName)) {
    const queue = queueOf(redisUrl, name);
    try {
      const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
      pending += Object.values(counts).reduce((a, b) => a + b, 0);
      const delayed = await queue.getJobs(['delayed']);
      pending += delayed.filter((job) => !job.repeatJobKey).length;
    } finally {
      await queue.close();
    }
  }
  return pending;
}

/**
 * Records a scenario's figures: printed, and appended as one JSON line to
 * `dist/resilience-figures.jsonl` (the README's table is written from a full run's file).
 */
export function report(scenario: string, figures: Figures): void {
  const line = { scenario, full: FULL, at: new Date().toISOString(), ...figures };
  console.log(`resilience figures: ${JSON.stringify(line)}`);
  appendFileSync(join(ROOT, 'dist', 'resilience-figures.jsonl'), `${JSON.stringify(line)}\n`);
}

/** On a failed scenario the apps' last log lines say why. */
export function explain(stack: Stack): (error: unknown) => never {
  return (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\n\nThe processes' last lines:\n${stack.tails()}`, {
      cause: error,
    });
  };
}
