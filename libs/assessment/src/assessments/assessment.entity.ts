import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Application } from '@catalyst/applications';
import { Programme, User } from '@catalyst/identity';
import { Challenge } from '@catalyst/rounds';
import type { AssessmentStatus } from './assessment.statuses';
import { AssessmentScore } from './assessment-score.entity';

/** One assessor's review of one application: `assigned → submitted`, or `conflicted`. */
// Keyset lists sort on these (sort key, id); see test/foundation/list-indexes.e2e-spec.ts.
@Index('assessments_created_idx', ['createdAt', 'id'])
@Index('assessments_challenge_created_idx', ['challengeId', 'createdAt', 'id'])
@Index('assessments_programme_created_idx', ['programmeId', 'createdAt', 'id'])
@Entity({ name: 'assessments' })
@Unique('assessments_application_stage_assessor_key', [
  'applicationId',
  'stageKey',
  'assessorUserId',
])
@Check('assessments_status_check', `status IN ('assigned', 'submitted', 'conflicted')`)
@Check('assessments_submitted_at_check', `(status = 'submitted') = (submitted_at IS NOT NULL)`)
@Check('assessments_conflict_reason_check', `status <> 'conflicted' OR conflict_reason IS NOT NULL`)
@Index('assessments_challenge_assessor_idx', ['challengeId', 'assessorUserId'])
@Index('assessments_assessor_created_idx', ['assessorUserId', 'createdAt'])
export class Assessment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  applicationId: string;

  @ManyToOne(() => Application, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id' })
  application?: Application;

  @Column('uuid')
  assessorUserId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessor_user_id' })
  assessor?: User;

  /** The application's challenge, kept here so per-challenge aggregates need no join. */
  @Column('uuid')
  challengeId: string;

  @ManyToOne(() => Challenge, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'challenge_id' })
  challenge?: Challenge;

  /** The application's programme (copied when assigned): the programme scope of the policy. */
  @Column('uuid')
  programmeId: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Programme;

  /** The stage this review belongs to (its rubric, panel and ranking); `sift` is the first. */
  @Column({ type: 'text', default: 'sift' })
  stageKey: string;

  @Column({ type: 'text', default: 'assigned' })
  status: AssessmentStatus;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  /**
   * The comment as the company will read it, edited by a programme manager before feedback is
   * released (to take out anything identifying); null: the assessor's comment as written.
   */
  @Column({ type: 'text', nullable: true })
  feedbackComment: string | null;

  @Column({ type: 'text', nullable: true })
  conflictReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  assignedByUserId: string | null;

  @OneToMany(() => AssessmentScore, (s) => s.assessment)
  scores?: AssessmentScore[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
