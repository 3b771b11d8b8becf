import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, Type } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobDispatcher } from './job-dispatcher.service';
import { QueueName } from './queue-names';

export const WORKER_CONCURRENCY = 10;

export interface QueueProcessorOptions {
  /**
   * A job's lock duration and the stalled-job check interval (ms; BullMQ's default 30 s): a
   * worker that dies mid-job has its job given to another worker within about twice this.
   */
  stalledIntervalMs?: number;
}

/** One BullMQ worker per queue; each hands its jobs to the dispatcher. */
export function createQueueProcessor(
  queue: QueueName,
  options: QueueProcessorOptions = {},
): Type<WorkerHost> {
  const logger = new Logger(`${queue}QueueProcessor`);
  const stalled = options.stalledIntervalMs;
  @Processor(queue, {
    concurrency: WORKER_CONCURRENCY,
    ...(stalled ? { stalledInterval: stalled, lockDuration: stalled } : {}),
  })
  class QueueProcessor extends WorkerHost {
    constructor(private readonly dispatcher: JobDispatcher) {
      super();
    }

    process(job: Job): Promise<unknown> {
      return this.dispatcher.dispatch(job);
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
