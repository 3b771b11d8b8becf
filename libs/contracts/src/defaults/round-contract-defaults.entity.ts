import {
  Check,
  Column,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Round } from '@catalyst/rounds';
import { BIGINT } from '../shared.columns';

/**
 * A round's default programme contracts: the fixed fee of a paid exploration (and how long it
 * runs) and the value of each accelerator contract, in the programme's currency. Set by a
 * programme manager; a decision into exploration or selection then drafts the contract.
 */
@Entity({ name: 'round_contract_defaults' })
@Check(
  'round_contract_defaults_amounts_check',
  `(exploration_amount_minor IS NULL OR exploration_amount_minor >= 0) AND (accelerator_amount_minor IS NULL OR accelerator_amount_minor >= 0)`,
)
@Check('round_contract_defaults_days_check', `exploration_days >= 1`)
@Check('round_contract_defaults_currency_check', `currency ~ '^[A-Z]{3}$'`)
export class RoundContractDefaults {
  @PrimaryColumn('uuid')
  roundId: string;

  @OneToOne(() => Round, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round?: Round;

  @Column({ type: 'bigint', nullable: true, transformer: BIGINT })
  explorationAmountMinor: number | null;

  @Column({ type: 'int', default: 21 })
  explorationDays: number;

  @Column({ type: 'bigint', nullable: true, transformer: BIGINT })
  acceleratorAmountMinor: number | null;

  @Column('text')
  currency: string;

  @Column({ type: 'uuid', nullable: true })
  updatedByUserId: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
