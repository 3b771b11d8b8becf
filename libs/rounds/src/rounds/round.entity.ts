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
import { Programme } from '@catalyst/identity';
import type { RoundStatus } from './round.state-machine';

/** A challenge round: one open call, its assessment, and the accelerator that follows. */
// Keyset lists sort on these (sort key, id); see test/foundation/list-indexes.e2e-spec.ts.
@Index('rounds_opens_idx', ['opensAt', 'id'])
@Index('rounds_closes_idx', ['closesAt'])
@Entity({ name: 'rounds' })
@Check(
  'rounds_status_check',
  `status IN ('draft', 'open', 'assessment', 'exploration', 'accelerator', 'completed', 'cancelled')`,
)
@Check('rounds_call_window_check', `closes_at > opens_at`)
@Check('rounds_accelerator_window_check', `accelerator_ends_on >= accelerator_starts_on`)
export class Round {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The programme the round belongs to; never changes. */
  @Index('rounds_programme_idx')
  @Column('uuid')
  programmeId: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Programme;

  @Column({ type: 'text' })
  name: string;

  /** IANA zone the round's dates are shown in (Europe/London unless set). */
  @Column({ type: 'text' })
  timezone: string;

  @Index('rounds_status_idx')
  @Column({ type: 'text', default: 'draft' })
  status: RoundStatus;

  @Column({ type: 'timestamptz' })
  opensAt: Date;

  @Column({ type: 'timestamptz' })
  closesAt: Date;

  /** When the open call actually ended (by hand, early or late, or by the calendar job). */
  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'date' })
  acceleratorStartsOn: string;

  @Column({ type: 'date' })
  acceleratorEndsOn: string;

  @Column({ type: 'date', nullable: true })
  demoDayOn: string | null;

  /** Assessors do not see who applied. */
  @Column({ type: 'boolean', default: false })
  blindReview: boolean;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
