import type { JobsOptions } from 'bullmq';
import { JobName } from './queue-names';

/** Completed jobs are trimmed; failed ones are kept for inspection. */
export const KEEP_COMPLETED = { age: 24 * 3600, count: 1000 } as const;
export const KEEP_FAILED = false as const;

export const QUICK_RETRY: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
};

export const PATIENT_RETRY: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 5000 },
};

export const RETRY_POLICY: Record<JobName, JobsOptions> = {
  [JobName.Ping]: QUICK_RETRY,
  // A missed purge is harmless: tomorrow's run deletes whatever this one did not.
  [JobName.PurgeExpiredCredentials]: QUICK_RETRY,
  // A missed minute is caught up by the next run, which finds every round still due.
  [JobName.RoundCalendar]: QUICK_RETRY,
};
