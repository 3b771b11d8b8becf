import { earlyBy, localDate } from './round-dates.rules';

const round = {
  timezone: 'Europe/London',
  opensAt: new Date('2027-02-01T09:00:00Z'),
  closesAt: new Date('2027-03-01T12:00:00Z'),
  acceleratorStartsOn: '2027-04-12',
  acceleratorEndsOn: '2027-07-30',
};

describe('round date rules', () => {
  it('calls a move early before its planned instant or day, on time from then on', () => {
    expect(earlyBy(round, 'open', new Date('2027-01-31T09:00:00Z'))).toBe(
      '2027-02-01T09:00:00.000Z',
    );
    expect(earlyBy(round, 'open', new Date('2027-02-01T09:00:00Z'))).toBeNull();
    expect(earlyBy(round, 'assessment', new Date('2027-03-01T11:59:59Z'))).not.toBeNull();
    expect(earlyBy(round, 'assessment', new Date('2027-03-01T12:00:00Z'))).toBeNull();
    expect(earlyBy(round, 'exploration', new Date('2027-01-01T00:00:00Z'))).toBeNull();
    expect(earlyBy(round, 'cancelled', new Date('2027-01-01T00:00:00Z'))).toBeNull();
  });

  it('reads accelerator days in the round’s zone (BST: 23:30 UTC is the next day)', () => {
    expect(localDate(new Date('2027-04-11T23:30:00Z'), 'Europe/London')).toBe('2027-04-12');
    expect(earlyBy(round, 'accelerator', new Date('2027-04-11T22:30:00Z'))).toBe('2027-04-12');
    expect(earlyBy(round, 'accelerator', new Date('2027-04-11T23:30:00Z'))).toBeNull();
    expect(earlyBy(round, 'completed', new Date('2027-07-29T12:00:00Z'))).toBe('2027-07-30');
    expect(earlyBy(round, 'completed', new Date('2027-07-30T12:00:00Z'))).toBeNull();
  });
});
