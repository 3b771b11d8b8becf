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
import { Team } from '@catalyst/applications';
import { Sprint } from '../sprints/sprint.entity';
import type { MilestoneStatus } from './milestone.state-machine';

/** A team's deliverable: due date, acceptance criteria, optional payment, sponsor sign-off. */
// Keyset lists sort on these (sort key, id); see test/foundation/list-indexes.e2e-spec.ts.
@Index('milestones_team_due_idx', ['teamId', 'dueOn', 'id'])
@Entity({ name: 'milestones' })
@Check(
  'milestones_status_check',
  `status IN ('planned', 'in_progress', 'submitted', 'changes_requested', 'accepted')`,
)
@Check(
  'milestones_payment_check',
  `(payment_amount_minor IS NULL) = (payment_currency IS NULL) AND (payment_amount_minor IS NULL OR payment_amount_minor >= 0)`,
)
@Check(
  'milestones_paid_check',
  `paid_on IS NULL OR (payment_amount_minor IS NOT NULL AND status = 'accepted' AND payment_reference IS NOT NULL)`,
)
export class Milestone {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  teamId: string;

  @ManyToOne(() => Team, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id' })
  team?: Team;

  @Column('text')
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', nullable: true })
  acceptanceCriteria: string | null;

  /** A calendar date in the round's time zone. */
  @Column({ type: 'date' })
  dueOn: string;

  /** The sprint it is planned in, when the team says; blocks regenerating the calendar. */
  @Index('milestones_sprint_idx')
  @Column({ type: 'uuid', nullable: true })
  sprintId: string | null;

  @ManyToOne(() => Sprint, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sprint_id' })
  sprint?: Sprint;

  @Column({ type: 'bigint', nullable: true, transformer: nullableBigint() })
  paymentAmountMinor: number | null;

  @Column({ type: 'text', nullable: true })
  paymentCurrency: string | null;

  @Column({ type: 'text', default: 'planned' })
  status: MilestoneStatus;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  evidenceUrls: string[];

  /** Documents (libs/documents) attached to this milestone as evidence. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  documentIds: string[];

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  changesRequestedReason: string | null;

  @Column({ type: 'date', nullable: true })
  paidOn: string | null;

  @Column({ type: 'text', nullable: true })
  paymentReference: string | null;

  @Column({ type: 'uuid', nullable: true })
  paidByUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}

function nullableBigint() {
  return {
    to: (value: number | null | undefined) => value,
    from: (value: string | null) => (value === null ? null : Number(value)),
  };
}
