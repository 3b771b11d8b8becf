import type { JobsOptions } from 'bullmq';

/** Completed jobs are trimmed; failed ones are kept for inspection. */
export const KEEP_COMPLETED = { age: 24 * 3600, count: 1000 } as const;
export const KEEP_FAILED = false as const;

/** Retry policies, named; each job declaration picks one (`defineJob({ retry })`). */
export const QUICK_RETRY: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
};

/** E-mail: an SMTP server that is down for hours (exponential from 2 s, 15 attempts, ~18 h). */
export const MAIL_RETRY: JobsOptions = {
  attempts: 15,
  backoff: { type: 'exponential', delay: 2_000 },
};

/**
 * Webhooks: a receiver that is down for a day (exponential from 2 s: the last of 17 attempts
 * is about 36 h after the first). The endpoint is disabled once it has failed for a day.
 */
export const WEBHOOK_RETRY: JobsOptions = {
  attempts: 17,
  backoff: { type: 'exponential', delay: 2_000 },
};
