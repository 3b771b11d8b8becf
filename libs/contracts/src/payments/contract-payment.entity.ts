import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { BIGINT } from '../shared.columns';
import { Contract } from '../contracts/contract.entity';

export const PAYMENT_ENTRY_KINDS = ['payment', 'reversal'] as const;
export type PaymentEntryKind = (typeof PAYMENT_ENTRY_KINDS)[number];

/**
 * One entry of a contract's payment ledger: a payment, or the reversal of one (same amount,
 * with a reason). Never edited, never deleted (the app's role may only insert and read);
 * a trigger refuses a payment in another currency or one that takes the total paid above the
 * contract's current value, whatever writes it.
 */
@Index('contract_payments_contract_idx', ['contractId', 'createdAt', 'id'])
@Index('contract_payments_reverses_key', ['reversesPaymentId'], {
  unique: true,
  where: 'reverses_payment_id IS NOT NULL',
})
@Index('contract_payments_milestone_key', ['milestoneId'], {
  unique: true,
  where: `milestone_id IS NOT NULL AND kind = 'payment'`,
})
@Entity({ name: 'contract_payments' })
@Check('contract_payments_kind_check', `kind IN ('payment', 'reversal')`)
@Check('contract_payments_amount_check', `amount_minor > 0`)
@Check('contract_payments_currency_check', `currency ~ '^[A-Z]{3}$'`)
@Check(
  'contract_payments_reversal_check',
  `(kind = 'payment' AND reverses_payment_id IS NULL AND reason IS NULL) OR (kind = 'reversal' AND reverses_payment_id IS NOT NULL AND reason IS NOT NULL AND length(btrim(reason)) > 0)`,
)
export class ContractPayment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  contractId: string;

  @ManyToOne(() => Contract, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contract_id' })
  contract?: Contract;

  @Column('text')
  kind: PaymentEntryKind;

  /** Always positive: a reversal subtracts its amount from the total paid. */
  @Column({ type: 'bigint', transformer: BIGINT })
  amountMinor: number;

  @Column('text')
  currency: string;

  /** The day the money moved (for a reversal: the day it was corrected). */
  @Column({ type: 'date' })
  paidOn: string;

  @Column({ type: 'text', nullable: true })
  reference: string | null;

  /** The accepted milestone this payment is for (its paid record lives in the accelerator). */
  @Column({ type: 'uuid', nullable: true })
  milestoneId: string | null;

  @Column({ type: 'uuid', nullable: true })
  reversesPaymentId: string | null;

  @ManyToOne(() => ContractPayment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reverses_payment_id' })
  reverses?: ContractPayment;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** Null when the system recorded it (a milestone paid in the accelerator). */
  @Column({ type: 'uuid', nullable: true })
  recordedByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
