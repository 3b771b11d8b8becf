import { isOverdue, paymentStatusOf, paymentTotals } from './milestone.rules';

const base = {
  status: 'planned' as const,
  dueOn: '2027-05-10',
  paymentAmountMinor: 1000,
  paymentCurrency: 'GBP',
  paidOn: null,
};

describe('milestone rules', () => {
  it('is overdue only once the due date has passed and it is not accepted', () => {
    expect(isOverdue(base, '2027-05-10')).toBe(false);
    expect(isOverdue(base, '2027-05-11')).toBe(true);
    expect(isOverdue({ ...base, status: 'accepted' }, '2027-06-01')).toBe(false);
  });

  it('moves the payment from planned to payable on acceptance, then paid', () => {
    expect(paymentStatusOf({ ...base, paymentAmountMinor: null, paymentCurrency: null })).toBe(
      'none',
    );
    expect(paymentStatusOf(base)).toBe('planned');
    expect(paymentStatusOf({ ...base, status: 'accepted' })).toBe('payable');
    expect(paymentStatusOf({ ...base, status: 'accepted', paidOn: '2027-05-20' })).toBe('paid');
  });

  it('totals per currency without adding currencies together', () => {
    expect(
      paymentTotals([
        base,
        { ...base, paymentCurrency: 'EUR' },
        { ...base, status: 'accepted', paymentAmountMinor: 250 },
        { ...base, status: 'accepted', paidOn: '2027-05-01', paymentAmountMinor: 75 },
      ]),
    ).toEqual({
      paid: [{ amountMinor: 75, currency: 'GBP' }],
      payable: [{ amountMinor: 250, currency: 'GBP' }],
      planned: [
        { amountMinor: 1000, currency: 'EUR' },
        { amountMinor: 1000, currency: 'GBP' },
      ],
    });
  });
});
