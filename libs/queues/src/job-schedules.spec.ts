import {
  JOB_SCHEDULES,
  JobSchedule,
  nextRun,
  scheduleProblems,
  schedulerRegistration,
} from './job-schedules';
import { JobName, QueueName } from './queue-names';
import { RETRY_POLICY } from './retry-policies';

const purge = JOB_SCHEDULES.find((s) => s.job === JobName.PurgeExpiredCredentials)!;

describe('the job schedule table', () => {
  it('is well formed: unique keys, patterns that fire', () => {
    expect(scheduleProblems(JOB_SCHEDULES, new Date('2027-01-15T09:00:00Z'))).toEqual([]);
  });

  it('purges expired credentials daily at 03:00 London time, in winter and in summer', () => {
    expect(purge.key).toBe('purge-expired-credentials-daily');
    // GMT: 03:00 London is 03:00 UTC.
    expect(nextRun(purge, new Date('2027-01-15T09:00:00Z')).toISOString()).toBe(
      '2027-01-16T03:00:00.000Z',
    );
    // BST: 03:00 London is 02:00 UTC.
    expect(nextRun(purge, new Date('2027-07-01T02:30:00Z')).toISOString()).toBe(
      '2027-07-02T02:00:00.000Z',
    );
    // The night the clocks go forward (28 March 2027, 01:00 GMT → 02:00 BST).
    expect(nextRun(purge, new Date('2027-03-28T00:30:00Z')).toISOString()).toBe(
      '2027-03-28T02:00:00.000Z',
    );
  });

  it('registers on the queue of its job, with the job name, an empty payload and its retry policy', () => {
    expect(schedulerRegistration(purge)).toEqual({
      queue: QueueName.Maintenance,
      key: 'purge-expired-credentials-daily',
      repeat: { pattern: '0 3 * * *', tz: 'Europe/London' },
      template: {
        name: 'purge-expired-credentials',
        data: {},
        opts: RETRY_POLICY[JobName.PurgeExpiredCredentials],
      },
    });
  });

  it('names the problems of a bad table', () => {
    const bad: JobSchedule[] = [
      { ...purge },
      { ...purge, pattern: '0 3 31 2 *' },
      { ...purge, key: 'Has:colon' },
    ];
    const problems = scheduleProblems(bad, new Date('2027-01-15T09:00:00Z'));
    expect(problems).toEqual([
      "schedule key 'purge-expired-credentials-daily' is declared twice",
      expect.stringContaining("schedule 'purge-expired-credentials-daily'"),
      "schedule key 'Has:colon' must be lower-case letters, digits and dashes",
    ]);
  });
});
