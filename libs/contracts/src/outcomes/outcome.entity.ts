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
import { Organisation } from '@catalyst/identity';
import { BIGINT } from '../shared.columns';

export const OUTCOME_KINDS = ['investment', 'jobs', 'revenue', 'public_buyer'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/**
 * A startup's reported result: investment raised or revenue (money), jobs created (a count),
 * or another public buyer won (named). Append-only: a correction is a new entry naming the one
 * it corrects (`corrects_outcome_id`), so the history of what was reported when is kept.
 */
@Index('outcomes_organisation_created_idx', ['organisationId', 'createdAt', 'id'])
@Index('outcomes_corrects_key', ['correctsOutcomeId'], {
  unique: true,
  where: 'corrects_outcome_id IS NOT NULL',
})
@Entity({ name: 'outcomes' })
@Check('outcomes_kind_check', `kind IN ('investment', 'jobs', 'revenue', 'public_buyer')`)
@Check(
  'outcomes_figures_check',
  `(kind IN ('investment', 'revenue') AND value_amount_minor IS NOT NULL AND value_currency IS NOT NULL AND count IS NULL) OR (kind = 'jobs' AND count IS NOT NULL AND value_amount_minor IS NULL AND value_currency IS NULL) OR (kind = 'public_buyer' AND (buyer_organisation_id IS NOT NULL OR buyer_name IS NOT NULL) AND count IS NULL)`,
)
@Check('outcomes_value_check', `value_amount_minor IS NULL OR value_amount_minor >= 0`)
@Check('outcomes_count_check', `count IS NULL OR count >= 0`)
@Check('outcomes_currency_check', `value_currency IS NULL OR value_currency ~ '^[A-Z]{3}$'`)
export class Outcome {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The startup it is about. */
  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Column('text')
  kind: OutcomeKind;

  @Column({ type: 'bigint', nullable: true, transformer: BIGINT })
  valueAmountMinor: number | null;

  @Column({ type: 'text', nullable: true })
  valueCurrency: string | null;

  @Column({ type: 'int', nullable: true })
  count: number | null;

  /** A public buyer on Catalyst, for `public_buyer`. */
  @Column({ type: 'uuid', nullable: true })
  buyerOrganisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'buyer_organisation_id' })
  buyerOrganisation?: Organisation;

  /** A public buyer by name, when it is not on Catalyst. */
  @Column({ type: 'text', nullable: true })
  buyerName: string | null;

  /** The date the result refers to. */
  @Column({ type: 'date' })
  reportedOn: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'uuid', nullable: true })
  correctsOutcomeId: string | null;

  @ManyToOne(() => Outcome, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'corrects_outcome_id' })
  corrects?: Outcome;

  @Column('uuid')
  reportedByUserId: string;

  /** True when a programme manager reported it for the company. */
  @Column({ type: 'boolean', default: false })
  onBehalf: boolean;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
