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
import { Organisation, Programme } from '@catalyst/identity';
import { Challenge, Round } from '@catalyst/rounds';
import type { ApplicationStatus } from './application.statuses';

export type AnswerValue = string | number;

/** A company's application to one challenge. Answers follow the challenge's questions. */
// Keyset lists sort on these (sort key, id); see test/foundation/list-indexes.e2e-spec.ts.
@Index('applications_created_idx', ['createdAt', 'id'])
@Index('applications_programme_created_idx', ['programmeId', 'createdAt', 'id'])
@Index('applications_challenge_created_idx', ['challengeId', 'createdAt', 'id'])
@Index('applications_startup_created_idx', ['startupOrganisationId', 'createdAt', 'id'])
@Entity({ name: 'applications' })
@Check(
  'applications_status_check',
  `status IN ('draft', 'submitted', 'ineligible', 'shortlisted', 'exploration', 'selected', 'waitlisted', 'rejected', 'withdrawn')`,
)
// One live application per company per challenge: a withdrawn one frees the slot.
@Index('applications_one_live_per_company', ['challengeId', 'startupOrganisationId'], {
  unique: true,
  where: `status <> 'withdrawn'`,
})
export class Application {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Its challenge's programme (copied when created, never changes): the programme scope of every policy and list. */
  @Column('uuid')
  programmeId: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Programme;

  @Index('applications_challenge_idx')
  @Column('uuid')
  challengeId: string;

  @ManyToOne(() => Challenge, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'challenge_id' })
  challenge?: Challenge;

  /** The challenge's round, kept here so round-wide queries (funnel, cohort) need no join. */
  @Index('applications_round_idx')
  @Column('uuid')
  roundId: string;

  @ManyToOne(() => Round, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'round_id' })
  round?: Round;

  @Index('applications_startup_idx')
  @Column('uuid')
  startupOrganisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'startup_organisation_id' })
  startupOrganisation?: Organisation;

  @Column({ type: 'text', default: 'draft' })
  status: ApplicationStatus;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  answers: Record<string, AnswerValue>;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  /** The reason given with the latest decision (shortlisted … rejected), told to the company as feedback. */
  @Column({ type: 'text', nullable: true })
  decisionReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  /**
   * Millisecond precision: lists page on (createdAt, id), and a cursor made from a JS Date
   * (milliseconds) must compare equal to the stored value, or rows repeat or vanish across pages.
   */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
