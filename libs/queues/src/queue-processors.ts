import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, Type } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobDispatcher } from './job-dispatcher.service';
import { QueueName } from './queue-names';

export const WORKER_CONCURRENCY = 10;

/** One BullMQ worker per queue; each hands its jobs to the dispatcher. */
export function createQueueProcessor(queue: QueueName): Type<WorkerHost> {
  const logger = new Logger(`${queue}QueueProcessor`);
  @Processor(queue, { concurrency: WORKER_CONCURRENCY })
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

export const QUEUE_PROCESSORS = Object.values(QueueName).map(createQueueProcessor);
