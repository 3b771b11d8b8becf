import {
  JobDefinition,
  QUICK_RETRY,
  QueueName,
  nextRun,
  scheduleProblems,
  schedulerRegistration,
} from '@catalyst/queues';
import { PURGE_EXPIRED_CREDENTIALS_JOB as purge } from './purge-expired-credentials.job';

describe('the purge-expired-credentials job', () => {
  it('is a well-formed schedule: a valid key, a pattern that fires', () => {
    expect(scheduleProblems([purge], new Date('2027-01-15T09:00:00Z'))).toEqual([]);
  });

  it('runs daily at 03:00 London time, in winter and in summer', () => {
    expect(purge.schedule?.key).toBe('purge-expired-credentials-daily');
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

  it('registers on its queue, with its name (stored in the backend, never renamed), an empty payload and its retry policy', () => {
    expect(schedulerRegistration(purge)).toEqual({
      queue: QueueName.Maintenance,
      key: 'purge-expired-credentials-daily',
      repeat: { pattern: '0 3 * * *', tz: 'Europe/London' },
      template: { name: 'purge-expired-credentials', data: {}, opts: QUICK_RETRY },
    });
  });
});

describe('schedule checks', () => {
  it('names the problems of bad schedules', () => {
    const withSchedule = (key: string, pattern = '0 3 * * *'): JobDefinition => ({
      ...purge,
      schedule: { key, pattern, tz: 'Europe/London', data: {} },
    });
    const problems = scheduleProblems(
      [
        withSchedule('purge-expired-credentials-daily'),
        withSchedule('purge-expired-credentials-daily', '0 3 31 2 *'),
        withSchedule('Has:colon'),
      ],
      new Date('2027-01-15T09:00:00Z'),
    );
    expect(problems).toEqual([
      "schedule key 'purge-expired-credentials-daily' is declared twice",
      expect.stringContaining("schedule 'purge-expired-credentials-daily'"),
      "schedule key 'Has:colon' must be lower-case letters, digits and dashes",
    ]);
  });
});
