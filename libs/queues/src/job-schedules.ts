import type { JobSchedulerTemplateOptions, RepeatOptions } from 'bullmq';
import type { AppConfig } from '@catalyst/common';
import { defaultRepeatStrategy } from 'bullmq';
import type { JobDefinition } from './job-definition';
import { QueueName } from './queue-names';

/** The scheduled jobs among the declared ones. */
export function scheduledJobs(jobs: readonly JobDefinition[]): JobDefinition[] {
  return jobs.filter((j) => j.schedule);
}

function spec(job: JobDefinition) {
  if (!job.schedule) throw new Error(`job '${job.name}' has no schedule`);
  return job.schedule;
}

function everyOf(job: JobDefinition, config: AppConfig | undefined): number | undefined {
  const s = spec(job);
  if (!s.every) return undefined;
  if (!config) throw new Error(`schedule '${s.key}' needs the configuration for its interval`);
  return s.every(config);
}

/** The arguments of `Queue.upsertJobScheduler` for one scheduled job, on its queue. */
export function schedulerRegistration(
  job: JobDefinition,
  config?: AppConfig,
): {
  queue: QueueName;
  key: string;
  repeat: Omit<RepeatOptions, 'key'>;
  template: { name: string; data: unknown; opts: JobSchedulerTemplateOptions };
} {
  const s = spec(job);
  const every = everyOf(job, config);
  return {
    queue: job.queue,
    key: s.key,
    repeat: every ? { every } : { pattern: s.pattern, tz: s.tz },
    template: { name: job.name, data: s.data, opts: { ...job.retry } },
  };
}

/** When a scheduled job next fires after `after`, computed as BullMQ computes it. */
export function nextRun(job: JobDefinition, after: Date, config?: AppConfig): Date {
  const s = spec(job);
  const every = everyOf(job, config);
  if (every) return new Date(after.getTime() + every);
  const next = defaultRepeatStrategy(after.getTime(), { pattern: s.pattern, tz: s.tz });
  if (next === undefined)
    throw new Error(`schedule '${s.key}' never fires after ${after.toISOString()}`);
  return new Date(next);
}

/** Problems with the scheduled jobs (duplicate keys, patterns that never fire); empty when fine. */
export function scheduleProblems(
  jobs: readonly JobDefinition[],
  now: Date,
  config?: AppConfig,
): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const job of scheduledJobs(jobs)) {
    const s = spec(job);
    if (seen.has(s.key)) problems.push(`schedule key '${s.key}' is declared twice`);
    seen.add(s.key);
    if (!/^[a-z0-9-]+$/.test(s.key)) {
      problems.push(`schedule key '${s.key}' must be lower-case letters, digits and dashes`);
    }
    try {
      nextRun(job, now, config);
    } catch (error) {
      problems.push(
        `schedule '${s.key}': ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return problems;
}
