import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Logger, Type } from '@nestjs/common';
import { Job, WaitingError } from 'bullmq';
import { JobDispatcher } from './job-dispatcher.service';
import { QueueName } from './queue-names';

export const WORKER_CONCURRENCY = 10;

/** How long active jobs may run on after the worker is asked to stop, unless told (ms). */
export const DEFAULT_SHUTDOWN_GRACE_MS = 20_000;

export interface QueueProcessorOptions {
  /**
   * A job's lock duration and the stalled-job check interval (ms; BullMQ's default 30 s): a
   * worker that dies mid-job has its job given to another worker within about twice this.
   */
  stalledIntervalMs?: number;
  /**
   * How long, once the worker is asked to stop, its active jobs may take to finish (ms); those
   * still running then are returned to the queue (SHUTDOWN_GRACE_MS).
   */
  shutdownGraceMs?: number;
}

/** One BullMQ worker per queue; each hands its jobs to the dispatcher. */
export function createQueueProcessor(
  queue: QueueName,
  options: QueueProcessorOptions = {},
): Type<WorkerHost> {
  const logger = new Logger(`${queue}QueueProcessor`);
  const stalled = options.stalledIntervalMs;
  const graceMs = options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
  @Processor(queue, {
    concurrency: WORKER_CONCURRENCY,
    ...(stalled ? { stalledInterval: stalled, lockDuration: stalled } : {}),
  })
  class QueueProcessor extends WorkerHost implements BeforeApplicationShutdown {
    /** The jobs being processed, each with its lock token and a way to let go of it. */
    private readonly active = new Map<Job, { token?: string; letGo: (error: Error) => void }>();

    constructor(private readonly dispatcher: JobDispatcher) {
      super();
    }

    async process(job: Job, token?: string): Promise<unknown> {
      let letGo!: (error: Error) => void;
      const givenBack = new Promise<never>((_, reject) => (letGo = reject));
      this.active.set(job, { token, letGo });
      try {
        return await Promise.race([this.dispatcher.dispatch(job), givenBack]);
      } finally {
        this.active.delete(job);
      }
    }

    /**
     * Before the pools close (`onApplicationShutdown`): stop taking jobs and let the active
     * ones finish. Those still running when the grace is over go back to the queue for
     * another worker (every handler is safe to run twice); what they were doing here ends
     * with the process.
     */
    async beforeApplicationShutdown(): Promise<void> {
      const timer = setTimeout(() => void this.giveBackActiveJobs(), graceMs);
      try {
        await this.worker.close();
      } finally {
        clearTimeout(timer);
      }
    }

    private async giveBackActiveJobs(): Promise<void> {
      for (const [job, { token, letGo }] of this.active) {
        try {
          await job.moveToWait(token);
          logger.warn(`Job ${job.id} (${job.name}) did not finish in time; returned to the queue`);
        } catch (error) {
          // Its lock lapses; the stalled-job check gives it to another worker.
          logger.warn(
            `Job ${job.id} could not be returned to the queue: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
        letGo(new WaitingError());
      }
    }

    /** Connection errors (the queue backend down): to the log, not to stderr unformatted. */
    @OnWorkerEvent('error')
    onError(error: Error): void {
      logger.warn(`Queue '${queue}' worker: ${error.message}`);
    }
  }
  Object.defineProperty(QueueProcessor, 'name', { value: `${queue}QueueProcessor` });
  return QueueProcessor;
}

/** One processor per queue, with `options`. */
export function queueProcessors(options: QueueProcessorOptions = {}): Type<WorkerHost>[] {
  return Object.values(QueueName).map((queue) => createQueueProcessor(queue, options));
}

export const QUEUE_PROCESSORS = queueProcessors();
