import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Job, JobsOptions, Queue } from 'bullmq';
import type { JobDefinition } from './job-definition';
import { QueueName } from './queue-names';

export interface EnqueueOptions {
  /**
   * Deterministic id (e.g. `milestone-due.<id>.<dueOn>`; BullMQ forbids ':' in ids): adding
   * the same id twice is a no-op.
   */
  jobId?: string;
  delay?: number;
}

/**
 * Adds jobs. Requests never call it directly: they write a domain event to the outbox and the
 * worker's relay adds the job. It serves the relay, the schedulers and tests.
 */
@Injectable()
export class JobProducer implements OnModuleInit {
  private readonly logger = new Logger(JobProducer.name);

  constructor(private readonly moduleRef: ModuleRef) {}

  /**
   * A queue with no 'error' listener prints every reconnection failure to stderr; while the
   * backend is down those go to the log instead (readiness and the relay report the outage).
   */
  onModuleInit(): void {
    for (const name of Object.values(QueueName)) {
      this.queue(name).on('error', (error: Error) =>
        this.logger.warn(`Queue '${name}': ${error.message}`),
      );
    }
  }

  queue(name: QueueName | string): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  async enqueue<P>(job: JobDefinition<P>, data: P, options: EnqueueOptions = {}): Promise<Job> {
    const opts: JobsOptions = { ...job.retry, jobId: options.jobId, delay: options.delay };
    return this.queue(job.queue).add(job.name, data, opts);
  }
}
