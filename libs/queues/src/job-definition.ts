import type { JobsOptions } from 'bullmq';
import type { AppConfig } from '@catalyst/common';
import { QueueName } from './queue-names';

/** Recurring work: a BullMQ job scheduler under a stable key (see JobSchedulerRegistry). */
export interface JobScheduleSpec<P> {
  /**
   * The scheduler id. Never rename casually: the worker removes schedulers it does not
   * declare, so a renamed key moves the schedule and its next run is computed afresh.
   */
  key: string;
  /** A cron pattern read in `tz`, so "03:00" stays 03:00 local time across clock changes. */
  pattern?: string;
  tz?: string;
  /**
   * Instead of a pattern: every so many milliseconds, read from the configuration when the
   * worker registers the schedule (e.g. REMINDER_SCAN_EVERY).
   */
  every?: (config: AppConfig) => number;
  data: P;
}

/**
 * A job kind, declared by its domain library beside its handler (`<thing>.job.ts`). The name
 * is stored in the queue backend and in job ids: never rename one casually.
 */
export interface JobDefinition<P = unknown> {
  readonly name: string;
  readonly queue: QueueName;
  /** Attempts and backoff (a named constant from retry-policies.ts). */
  readonly retry: JobsOptions;
  readonly schedule?: JobScheduleSpec<P>;
  /** Carries the payload type only; never set. */
  readonly __payload?: P;
}

export type JobPayload<D> = D extends JobDefinition<infer P> ? P : never;

const declared = new Map<string, JobDefinition>();

/**
 * Declares a job kind. Every declaration is remembered, so the worker can check at start that
 * each job of every library it loaded has exactly one handler; a name declared twice is a
 * mistake caught here.
 */
export function defineJob<P>(definition: Omit<JobDefinition<P>, '__payload'>): JobDefinition<P> {
  const existing = declared.get(definition.name);
  if (existing && existing !== (definition as JobDefinition)) {
    throw new Error(`job '${definition.name}' is declared twice`);
  }
  const frozen = Object.freeze({ ...definition }) as JobDefinition<P>;
  declared.set(frozen.name, frozen);
  return frozen;
}

/** Every job declared by the libraries loaded in this process. */
export function declaredJobs(): readonly JobDefinition[] {
  return [...declared.values()];
}
