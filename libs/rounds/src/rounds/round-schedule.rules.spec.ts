import { BusinessRuleError } from '@catalyst/common';
import {
  RoundEdit,
  RoundSchedule,
  assertRoundEditAllowed,
  canonicalTimeZone,
  movedDates,
  scheduleProblems,
} from './round-schedule.rules';

const schedule: RoundSchedule = {
  timezone: 'Europe/London',
  opensAt: new Date('2027-02-01T09:00:00Z'),
  closesAt: new Date('2027-03-15T12:00:00Z'),
  acceleratorStartsOn: '2027-05-03',
  acceleratorEndsOn: '2027-08-20',
  demoDayOn: '2027-08-26',
};

describe('round schedule', () => {
  it('accepts a coherent schedule', () => {
    expect(scheduleProblems(schedule)).toEqual([]);
  });

  it('names every broken date', () => {
    expect(
      scheduleProblems({
        ...schedule,
        closesAt: schedule.opensAt,
        acceleratorEndsOn: '2027-05-02',
        demoDayOn: '2027-05-01',
      }).map((p) => p.field),
    ).toEqual(['closesAt', 'acceleratorEndsOn', 'demoDayOn']);
  });

  it('refuses an unknown time zone', () => {
    expect(scheduleProblems({ ...schedule, timezone: 'Mars/Olympus' })).toEqual([
      { field: 'timezone', message: expect.stringContaining('IANA') },
    ]);
  });

  it('does not start the accelerator before the call closes, in the round’s zone', () => {
    // 23:30 UTC on 14 March is already 15 March in Auckland.
    const late = { ...schedule, closesAt: new Date('2027-03-14T23:30:00Z') };
    expect(scheduleProblems({ ...late, acceleratorStartsOn: '2027-03-14' })).toEqual([]);
    expect(
      scheduleProblems({
        ...late,
        timezone: 'Pacific/Auckland',
        acceleratorStartsOn: '2027-03-14',
      }),
    ).toEqual([{ field: 'acceleratorStartsOn', message: expect.stringContaining('2027-03-15') }]);
  });

  it('lists the dates that moved', () => {
    expect(
      movedDates(schedule, {
        ...schedule,
        closesAt: new Date('2027-03-22T12:00:00Z'),
        demoDayOn: null,
      }),
    ).toEqual(['closesAt', 'demoDayOn']);
    expect(movedDates(schedule, { ...schedule, opensAt: new Date(schedule.opensAt) })).toEqual([]);
  });
});

describe('round edit rules', () => {
  const now = new Date('2027-02-10T00:00:00Z');
  const edit = (overrides: Partial<RoundEdit>): RoundEdit => ({
    status: 'open',
    moved: ['closesAt'],
    blindReviewChanged: false,
    closesAt: new Date('2027-03-22T12:00:00Z'),
    now,
    ...overrides,
  });
  const refusal = (e: RoundEdit) => {
    try {
      assertRoundEditAllowed(e);
      return null;
    } catch (error) {
      expect(error).toBeInstanceOf(BusinessRuleError);
      return (error as BusinessRuleError).detail;
    }
  };

  it('moves any date of a draft round freely', () => {
    expect(refusal(edit({ status: 'draft', moved: ['opensAt', 'closesAt'] }))).toBeNull();
  });

  it('needs a reason to move the call dates of an open round', () => {
    expect(refusal(edit({}))).toMatch(/needs a reason/);
    expect(refusal(edit({ moved: ['opensAt'], reason: ' ' }))).toMatch(/needs a reason/);
    expect(refusal(edit({ reason: 'Sponsor asked for a week more' }))).toBeNull();
  });

  it('does not need a reason for accelerator dates', () => {
    expect(refusal(edit({ moved: ['acceleratorEndsOn'] }))).toBeNull();
  });

  it('never moves an open round’s deadline into the past', () => {
    expect(refusal(edit({ reason: 'x', closesAt: new Date('2027-02-09T00:00:00Z') }))).toMatch(
      /past/,
    );
  });

  it('freezes the call dates once the call is over', () => {
    expect(refusal(edit({ status: 'assessment', reason: 'x' }))).toMatch(/no longer move/);
    expect(refusal(edit({ status: 'assessment', moved: ['acceleratorStartsOn'] }))).toBeNull();
  });

  it('settles blind review before assessment', () => {
    expect(refusal(edit({ moved: [], blindReviewChanged: true }))).toBeNull();
    expect(refusal(edit({ status: 'assessment', moved: [], blindReviewChanged: true }))).toMatch(
      /Blind review/,
    );
  });

  it('leaves completed and cancelled rounds alone', () => {
    expect(refusal(edit({ status: 'completed', moved: [] }))).toMatch(/no longer be edited/);
    expect(refusal(edit({ status: 'cancelled', moved: [] }))).toMatch(/no longer be edited/);
  });
});

describe('canonicalTimeZone', () => {
  it('names IANA zones canonically and refuses offsets and unknown zones', () => {
    expect(canonicalTimeZone('europe/london')).toBe('Europe/London');
    expect(canonicalTimeZone('Europe/London')).toBe('Europe/London');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    for (const zone of ['+01:00', '-05:00', '\u221201:00', 'Europe/Atlantis', '']) {
      expect([zone, canonicalTimeZone(zone)]).toEqual([zone, null]);
    }
  });
});
