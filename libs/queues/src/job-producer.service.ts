import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Job, JobsOptions, Queue } from 'bullmq';
import { JOB_QUEUE, JobName, JobPayloads, QueueName } from './queue-names';
import { RETRY_POLICY } from './retry-policies';

export interface EnqueueOptions {
  /**
   * Deterministic id (e.g. `milestone-due.<id>.<dueOn>`; BullMQ forbids ':' in ids): adding
   * the same id twice is a no-op.
   */
  jobId?: string;
  delay?: number;
}

/** Adds jobs. The API only ever adds; the worker runs them. */
@Injectable()
export class JobProducer {
  constructor(private readonly moduleRef: ModuleRef) {}

  queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  async enqueue<J extends JobName>(
    name: J,
    data: JobPayloads[J],
    options: EnqueueOptions = {},
  ): Promise<Job> {
    const opts: JobsOptions = { ...RETRY_POLICY[name], jobId: options.jobId, delay: options.delay };
    return this.queue(JOB_QUEUE[name]).add(name, data, opts);
  }
}
