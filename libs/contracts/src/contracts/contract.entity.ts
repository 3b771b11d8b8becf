import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Application, Team } from '@catalyst/applications';
import { Organisation, Programme } from '@catalyst/identity';
import { Round } from '@catalyst/rounds';
import { BIGINT } from '../shared.columns';
import type { ContractKind, ContractStatus, ProcurementRoute } from './contract.state-machine';

/**
 * A contract between a public buyer and a startup. Its value, currency and dates as awarded
 * are the *original* terms and never change once it leaves `draft` (a trigger refuses it);
 * amendments (contract_amendments) carry every later change, and the current value and end
 * date are derived from both.
 */
// Keyset lists sort on these (sort key, id); see test/foundation/list-indexes.e2e-spec.ts.
@Index('contracts_programme_created_idx', ['programmeId', 'createdAt', 'id'])
@Index('contracts_buyer_reference_key', ['buyerOrganisationId', 'reference'], { unique: true })
@Index('contracts_application_kind_key', ['applicationId', 'kind'], {
  unique: true,
  where: 'application_id IS NOT NULL',
})
@Entity({ name: 'contracts' })
@Check(
  'contracts_kind_check',
  `kind IN ('exploration', 'accelerator', 'follow_on', 'commercial', 'framework_call_off')`,
)
@Check(
  'contracts_status_check',
  `status IN ('draft', 'awarded', 'active', 'completed', 'terminated')`,
)
@Check(
  'contracts_procurement_route_check',
  `procurement_route IS NULL OR procurement_route IN ('direct_award', 'innovation_partnership', 'framework', 'open_tender', 'other')`,
)
@Check('contracts_value_check', `value_amount_minor >= 0`)
@Check('contracts_currency_check', `currency ~ '^[A-Z]{3}$'`)
@Check('contracts_dates_check', `ends_on >= starts_on`)
@Check('contracts_reference_check', `length(btrim(reference)) > 0`)
@Check('contracts_terminated_check', `(status = 'terminated') = (termination_reason IS NOT NULL)`)
@Check('contracts_parties_check', `buyer_organisation_id <> startup_organisation_id`)
export class Contract {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The programme the contract is counted in and scoped to (see the README). */
  @Column('uuid')
  programmeId: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Programme;

  @Index('contracts_round_idx')
  @Column({ type: 'uuid', nullable: true })
  roundId: string | null;

  @ManyToOne(() => Round, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'round_id' })
  round?: Round;

  @Index('contracts_team_idx')
  @Column({ type: 'uuid', nullable: true })
  teamId: string | null;

  // A disbanded team (a selection reversed) leaves its contracts unlinked, not blocked.
  @ManyToOne(() => Team, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'team_id' })
  team?: Team;

  /** The application a programme contract (exploration, accelerator) was created for. */
  @Column({ type: 'uuid', nullable: true })
  applicationId: string | null;

  @ManyToOne(() => Application, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id' })
  application?: Application;

  @Column('uuid')
  buyerOrganisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'buyer_organisation_id' })
  buyerOrganisation?: Organisation;

  @Index('contracts_startup_idx')
  @Column('uuid')
  startupOrganisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'startup_organisation_id' })
  startupOrganisation?: Organisation;

  /** The sponsor of the linked team or application (the "original sponsor"), copied at creation. */
  @Index('contracts_sponsor_idx')
  @Column({ type: 'uuid', nullable: true })
  sponsorOrganisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sponsor_organisation_id' })
  sponsorOrganisation?: Organisation;

  @Column('text')
  kind: ContractKind;

  /** The buyer's reference, unique per buyer. */
  @Column('text')
  reference: string;

  @Column('text')
  title: string;

  @Column({ type: 'text', nullable: true })
  procurementRoute: ProcurementRoute | null;

  /** The value as awarded (minor units); see amendments for the current value. */
  @Column({ type: 'bigint', transformer: BIGINT })
  valueAmountMinor: number;

  @Column('text')
  currency: string;

  @Column({ type: 'date' })
  startsOn: string;

  /** The end date as awarded; see amendments for the current one. */
  @Column({ type: 'date' })
  endsOn: string;

  @Column({ type: 'text', default: 'draft' })
  status: ContractStatus;

  @Column({ type: 'text', nullable: true })
  terminationReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  awardedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** Null when the system created it (a programme contract from a decision). */
  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
