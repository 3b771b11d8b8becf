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

export const AMENDMENT_KINDS = ['extension', 'value_change', 'extension_and_value_change'] as const;
export type AmendmentKind = (typeof AMENDMENT_KINDS)[number];

/**
 * One change to a contract's terms, numbered 1, 2, … per contract: a new end date, a new value
 * (in the contract's currency), or both, with the reason. Append-only (the app's role may only
 * insert and read; see libs/database app-role.ts): the history is the record.
 */
@Index('contract_amendments_number_key', ['contractId', 'number'], { unique: true })
@Entity({ name: 'contract_amendments' })
@Check(
  'contract_amendments_kind_check',
  `kind IN ('extension', 'value_change', 'extension_and_value_change')`,
)
@Check(
  'contract_amendments_terms_check',
  `(kind = 'extension' AND ends_on IS NOT NULL AND value_amount_minor IS NULL) OR (kind = 'value_change' AND ends_on IS NULL AND value_amount_minor IS NOT NULL) OR (kind = 'extension_and_value_change' AND ends_on IS NOT NULL AND value_amount_minor IS NOT NULL)`,
)
@Check('contract_amendments_value_check', `value_amount_minor IS NULL OR value_amount_minor >= 0`)
@Check('contract_amendments_reason_check', `length(btrim(reason)) > 0`)
@Check('contract_amendments_number_check', `number >= 1`)
export class ContractAmendment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  contractId: string;

  @ManyToOne(() => Contract, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contract_id' })
  contract?: Contract;

  @Column('int')
  number: number;

  @Column('text')
  kind: AmendmentKind;

  /** The new end date, for an extension. */
  @Column({ type: 'date', nullable: true })
  endsOn: string | null;

  /** The new total value in the contract's currency, for a value change. */
  @Column({ type: 'bigint', nullable: true, transformer: BIGINT })
  valueAmountMinor: number | null;

  @Column('text')
  reason: string;

  /** Documents attached to the contract that this amendment rests on. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  documentIds: string[];

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
