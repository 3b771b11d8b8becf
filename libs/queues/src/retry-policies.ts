import type { JobsOptions } from 'bullmq';

/** Completed jobs are trimmed; failed ones are kept for inspection. */
export const KEEP_COMPLETED = { age: 24 * 3600, count: 1000 } as const;
export const KEEP_FAILED = false as const;

/** Retry policies, named; each job declaration picks one (`defineJob({ retry })`). */
export const QUICK_RETRY: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
};
