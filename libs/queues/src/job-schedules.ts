import type { JobSchedulerTemplateOptions, RepeatOptions } from 'bullmq';
import { defaultRepeatStrategy } from 'bullmq';
import { JOB_QUEUE, JobName, JobPayloads, QueueName } from './queue-names';
import { RETRY_POLICY } from './retry-policies';

/**
 * A piece of recurring work. The key is the BullMQ job scheduler id: every worker upserts the
 * same key at start, so N replicas (and every restart) leave one scheduler that fires once.
 * Never rename a key casually: the worker removes schedulers it does not declare, so a renamed
 * key moves the schedule, and its next run is computed afresh.
 */
export interface JobSchedule<J extends JobName = JobName> {
  key: string;
  job: J;
  data: JobPayloads[J];
  /** A cron pattern read in `tz`, so "03:00" stays 03:00 local time across clock changes. */
  pattern: string;
  tz: string;
}

function schedule<J extends JobName>(s: JobSchedule<J>): JobSchedule<J> {
  return s;
}

/** Every recurring job, as data. The worker registers exactly these and nothing else. */
export const JOB_SCHEDULES: readonly JobSchedule[] = [
  schedule({
    key: 'purge-expired-credentials-daily',
    job: JobName.PurgeExpiredCredentials,
    data: {},
    // A quiet hour in the UK, where the programme runs.
    pattern: '0 3 * * *',
    tz: 'Europe/London',
  }),
  // Declared here because the registry reads this one table; the handler and the rules it
  // applies live in libs/rounds (round-calendar.handler.ts, README "Round calendar").
  schedule({
    key: 'round-calendar-every-minute',
    job: JobName.RoundCalendar,
    data: {},
    pattern: '* * * * *',
    tz: 'UTC',
  }),
];

/** The arguments of `Queue.upsertJobScheduler` for one schedule, on the queue its job uses. */
export function schedulerRegistration(s: JobSchedule): {
  queue: QueueName;
  key: string;
  repeat: Omit<RepeatOptions, 'key'>;
  template: { name: JobName; data: unknown; opts: JobSchedulerTemplateOptions };
} {
  return {
    queue: JOB_QUEUE[s.job],
    key: s.key,
    repeat: { pattern: s.pattern, tz: s.tz },
    template: { name: s.job, data: s.data, opts: { ...RETRY_POLICY[s.job] } },
  };
}

/** When a schedule next fires after `after`, computed as BullMQ computes it. */
export function nextRun(s: JobSchedule, after: Date): Date {
  const next = defaultRepeatStrategy(after.getTime(), { pattern: s.pattern, tz: s.tz });
  if (next === undefined)
    throw new Error(`schedule '${s.key}' never fires after ${after.toISOString()}`);
  return new Date(next);
}

/** Problems with a schedule table (duplicate keys, patterns that never fire); empty when fine. */
export function scheduleProblems(schedules: readonly JobSchedule[], now: Date): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const s of schedules) {
    if (seen.has(s.key)) problems.push(`schedule key '${s.key}' is declared twice`);
    seen.add(s.key);
    if (!/^[a-z0-9-]+$/.test(s.key)) {
      problems.push(`schedule key '${s.key}' must be lower-case letters, digits and dashes`);
    }
    try {
      nextRun(s, now);
    } catch (error) {
      problems.push(
        `schedule '${s.key}': ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return problems;
}
