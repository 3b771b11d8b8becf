import { lastFullWeek, parsePeriod } from './report-period';

describe('report periods', () => {
  it('takes the last full Monday-to-Sunday week before a day', () => {
    expect(lastFullWeek('2027-01-18')).toEqual({ from: '2027-01-11', to: '2027-01-17' });
    expect(lastFullWeek('2027-01-17')).toEqual({ from: '2027-01-04', to: '2027-01-10' });
  });

  it('reads an inclusive interval and refuses impossible or reversed ones', () => {
    expect(parsePeriod('2027-01-01/2027-01-31')).toEqual({ from: '2027-01-01', to: '2027-01-31' });
    expect(() => parsePeriod('2027-02-30/2027-03-01')).toThrow(/impossible date/);
    expect(() => parsePeriod('2027-02-01/2027-01-01')).toThrow(/ends before/);
    expect(() => parsePeriod('2026-01-01/2027-01-02')).toThrow(/366 days/);
  });
});
