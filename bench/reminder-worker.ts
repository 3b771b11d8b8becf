/**
 * The worker for the reminder measurements (forked by reminders.ts): the built worker, made by
 * the same `createWorker` that dist/apps/worker/src/main.js calls, on Redis under the bench's
 * private key prefix (BENCH_QUEUE_PREFIX; main.js always uses the shared `catalyst` prefix).
 * Its schedules are not registered and its outbox relay does not start, so it runs nothing but
 * what the bench gives it: on `{ scan: jobId }` it queues the reminder scan through the
 * product's JobProducer, the very job the worker's recurring schedule queues every
 * REMINDER_SCAN_EVERY ms, and the worker's own queue processors run it and the e-mails it queues.
 *
 * The product is loaded from dist/ at run time (not imported: the bench's own compilation
 * would emit the product's files again without their path aliases).
 */
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const load = createRequire(__filename);
const product = <T>(path: string): T => load(join(ROOT, 'dist', path)) as T;

interface JobDefinition {
  name: string;
}
interface WorkerApp {
  get<T>(type: abstract new (...args: never[]) => T): T;
}
interface Producer {
  enqueue(job: JobDefinition, data: unknown, options: { jobId?: string }): Promise<unknown>;
}

const { loadConfigOrExit } = product<{ loadConfigOrExit: () => unknown }>(
  'libs/common/src/index.js',
);
const { createWorker } = product<{
  createWorker: (config: unknown, options: Record<string, unknown>) => Promise<WorkerApp>;
}>('apps/worker/src/create-worker.js');
const queues = product<{
  JobProducer: abstract new (...args: never[]) => Producer;
  WORKER_CONCURRENCY: number;
  MAIL_RETRY: Record<string, unknown>;
  KEEP_COMPLETED: unknown;
  KEEP_FAILED: unknown;
}>('libs/queues/src/index.js');
const notifications = product<{
  REMINDER_SCAN_JOB: JobDefinition & { queue: string };
  REMINDER_RULES: readonly { name: string }[];
  SEND_EMAIL_JOB: JobDefinition & { queue: string };
}>('libs/notifications/src/index.js');

async function main(): Promise<void> {
  const prefix = process.env.BENCH_QUEUE_PREFIX;
  if (!prefix) throw new Error('BENCH_QUEUE_PREFIX is required');
  const app = await createWorker(loadConfigOrExit(), {
    queuePrefix: prefix,
    registerSchedules: false,
    outbox: { autoStart: false },
  });
  const producer = app.get(queues.JobProducer);
  process.on('message', (message: { scan?: string }) => {
    if (!message.scan) return;
    producer
      .enqueue(notifications.REMINDER_SCAN_JOB, {}, { jobId: message.scan })
      .then(() => process.send?.({ queued: message.scan }))
      .catch((error: unknown) => process.send?.({ error: String(error) }));
  });
  process.send?.({
    ready: true,
    queue: notifications.REMINDER_SCAN_JOB.queue,
    emailQueue: notifications.SEND_EMAIL_JOB.queue,
    rules: notifications.REMINDER_RULES.map((r) => r.name),
    concurrency: queues.WORKER_CONCURRENCY,
    // The options every queued e-mail carries (its retry and the queues' retention).
    emailJobOptions: {
      ...queues.MAIL_RETRY,
      removeOnComplete: queues.KEEP_COMPLETED,
      removeOnFail: queues.KEEP_FAILED,
    },
  });
}

main().catch((error: unknown) => {
  console.error('The reminder worker failed to start:', error);
  process.exit(1);
});
