import { QUICK_RETRY, QueueName, defineJob } from '@catalyst/queues';

/**
 * Mondays at 06:00 (London): one sponsor digest per sponsor organisation for the week that
 * just ended. One job scheduler (a stable key) however many workers run, and one report per
 * (organisation, week) by a unique key however often the job runs.
 */
export const SPONSOR_DIGESTS_JOB = defineJob<{ today?: string }>({
  name: 'sponsor-digests',
  queue: QueueName.Reports,
  retry: QUICK_RETRY,
  schedule: {
    key: 'reports-weekly-sponsor-digest',
    pattern: '0 6 * * 1',
    tz: 'Europe/London',
    data: {},
  },
});
