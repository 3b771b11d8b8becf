import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Job } from 'bullmq';
import { JobDefinition, declaredJobs } from './job-definition';
import { JOB_HANDLER_METADATA, JobHandler } from './job-handler';

/**
 * Finds the job handlers the domain libraries provide and routes each job to its handler.
 * At start it checks that every job declared by a loaded library (`defineJob`) has exactly one
 * handler, so a job can never sit in a queue with nobody to run it (or with two handlers
 * racing): a library whose handler module is missing from the worker's list fails the start.
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
    const problems = handlerProblems(declaredJobs(), found);
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

/** Every declared job has exactly one handler, and every handler handles a declared job. */
export function handlerProblems(
  jobs: readonly JobDefinition[],
  handlers: ReadonlyMap<string, readonly string[]>,
): string[] {
  const problems: string[] = [];
  const names = new Set(jobs.map((j) => j.name));
  for (const name of names) {
    const owners = handlers.get(name) ?? [];
    if (owners.length === 0) problems.push(`job '${name}' has no handler`);
    if (owners.length > 1)
      problems.push(`job '${name}' has ${owners.length} handlers: ${owners.join(', ')}`);
  }
  for (const name of handlers.keys()) {
    if (!names.has(name)) problems.push(`a handler is registered for unknown job '${name}'`);
  }
  return problems;
}
