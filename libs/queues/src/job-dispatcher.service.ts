import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Job } from 'bullmq';
import { JOB_HANDLER_METADATA, JobHandler } from './job-handler';
import { JobName } from './queue-names';

/**
 * Finds the job handlers the domain libraries provide and routes each job to its handler.
 * At start it checks that every job name has exactly one handler, so a job can never sit in a
 * queue with nobody to run it (or with two handlers racing).
 */
@Injectable()
export class JobDispatcher implements OnApplicationBootstrap {
  private readonly handlers = new Map<string, JobHandler>();

  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    const found = new Map<string, string[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      const metatype = wrapper.metatype;
      if (!instance || !metatype) continue;
      const name = Reflect.getMetadata(JOB_HANDLER_METADATA, metatype as object) as
        string | undefined;
      if (!name) continue;
      found.set(name, [...(found.get(name) ?? []), (metatype as { name: string }).name]);
      this.handlers.set(name, instance as JobHandler);
    }
    const problems: string[] = [];
    for (const name of Object.values(JobName)) {
      const owners = found.get(name) ?? [];
      if (owners.length === 0) problems.push(`job '${name}' has no handler`);
      if (owners.length > 1)
        problems.push(`job '${name}' has ${owners.length} handlers: ${owners.join(', ')}`);
    }
    for (const name of found.keys()) {
      if (!(Object.values(JobName) as string[]).includes(name)) {
        problems.push(`a handler is registered for unknown job '${name}'`);
      }
    }
    if (problems.length) {
      throw new Error(`Job handlers are misconfigured: ${problems.join('; ')}`);
    }
  }

  async dispatch(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`No handler for job '${job.name}'`);
    return handler.handle(job.data as never, { id: job.id, attemptsMade: job.attemptsMade });
  }
}
