import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Type } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobDispatcher } from './job-dispatcher.service';
import { QueueName } from './queue-names';

export const WORKER_CONCURRENCY = 10;

/** One BullMQ worker per queue; each hands its jobs to the dispatcher. */
export function createQueueProcessor(queue: QueueName): Type<WorkerHost> {
  @Processor(queue, { concurrency: WORKER_CONCURRENCY })
  class QueueProcessor extends WorkerHost {
    constructor(private readonly dispatcher: JobDispatcher) {
      super();
    }

    process(job: Job): Promise<unknown> {
      return this.dispatcher.dispatch(job);
    }
  }
  Object.defineProperty(QueueProcessor, 'name', { value: `${queue}QueueProcessor` });
  return QueueProcessor;
}

export const QUEUE_PROCESSORS = Object.values(QueueName).map(createQueueProcessor);
