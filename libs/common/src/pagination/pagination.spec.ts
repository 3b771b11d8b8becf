import { isCursorTimestamp } from './pagination';

describe('isCursorTimestamp', () => {
  it('accepts instants as PostgreSQL prints them', () => {
    for (const value of [
      '2027-01-14T09:00:00+00:00',
      '2027-01-14T09:00:00.123456+00:00',
      '2028-02-29T23:59:59.5-05:30',
      '2027-01-14T09:00:00Z',
    ]) {
      expect([value, isCursorTimestamp(value)]).toEqual([value, true]);
    }
  });

  it('refuses what Date.parse accepts but PostgreSQL does not read', () => {
    for (const value of [
      '1',
      '+275760-09-13T00:00:00.000Z',
      '2027-02-30T00:00:00+00:00',
      '2027-02-29T00:00:00+00:00',
      '2027-01-01T24:00:00Z',
      '2027-13-01T00:00:00Z',
      'Tue, 01 Jan 2030',
      '2027-01-01T00:00:00+16:00',
      '',
    ]) {
      expect([value, isCursorTimestamp(value)]).toEqual([value, false]);
    }
  });
});
