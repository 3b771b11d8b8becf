import { decimal, share } from './report-content';

describe('report figures', () => {
  it('writes minor units as exact decimals for the currency', () => {
    expect(decimal(300_050, 'GBP')).toBe('3000.50');
    expect(decimal('5', 'EUR')).toBe('0.05');
    expect(decimal(1234, 'JPY')).toBe('1234');
    expect(decimal(9_007_199_254_740_993n, 'GBP')).toBe('90071992547409.93');
  });

  it('rounds shares to four decimals and makes nothing of nothing', () => {
    expect(share(1, 3)).toBe(0.3333);
    expect(share(0, 0)).toBe(0);
  });
});
