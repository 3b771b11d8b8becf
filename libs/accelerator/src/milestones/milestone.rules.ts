import type { Money } from '@catalyst/common';
import type { MilestoneStatus } from './milestone.state-machine';

export const PAYMENT_STATUSES = ['none', 'planned', 'payable', 'paid'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

interface MilestoneFacts {
  status: MilestoneStatus;
  dueOn: string;
  paymentAmountMinor: number | null;
  paymentCurrency: string | null;
  paidOn: string | null;
}

/**
 * Overdue: the due date (a date in the round's zone) has passed there and the milestone is not
 * accepted. `today` is the clock's date in the round's zone. Derived on every read, never stored.
 */
export function isOverdue(m: Pick<MilestoneFacts, 'status' | 'dueOn'>, today: string): boolean {
  return m.status !== 'accepted' && m.dueOn < today;
}

/** none (no payment) → planned → payable (accepted) → paid (recorded by a programme manager). */
export function paymentStatusOf(m: MilestoneFacts): PaymentStatus {
  if (m.paymentAmountMinor === null) return 'none';
  if (m.paidOn) return 'paid';
  return m.status === 'accepted' ? 'payable' : 'planned';
}

export function paymentOf(m: MilestoneFacts): Money | null {
  return m.paymentAmountMinor === null || m.paymentCurrency === null
    ? null
    : { amountMinor: m.paymentAmountMinor, currency: m.paymentCurrency };
}

export interface PaymentTotals {
  paid: Money[];
  payable: Money[];
  planned: Money[];
}

/** Paid, payable and planned (not yet accepted) totals, one entry per currency, never mixed. */
export function paymentTotals(milestones: readonly MilestoneFacts[]): PaymentTotals {
  const sums: Record<'paid' | 'payable' | 'planned', Map<string, number>> = {
    paid: new Map(),
    payable: new Map(),
    planned: new Map(),
  };
  for (const m of milestones) {
    const status = paymentStatusOf(m);
    const payment = paymentOf(m);
    if (status === 'none' || !payment) continue;
    const bucket = sums[status];
    bucket.set(payment.currency, (bucket.get(payment.currency) ?? 0) + payment.amountMinor);
  }
  const list = (map: Map<string, number>): Money[] =>
    [...map.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, amountMinor]) => ({ amountMinor, currency }));
  return { paid: list(sums.paid), payable: list(sums.payable), planned: list(sums.planned) };
}
