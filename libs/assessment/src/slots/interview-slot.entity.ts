import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Application } from '@catalyst/applications';
import { AssessmentStage } from '../stages/assessment-stage.entity';

/** A time in a stage's interview timetable: given to, or booked by, one application. */
// Keyset lists sort on these (sort key, id); see test/foundation/list-indexes.e2e-spec.ts.
@Entity({ name: 'interview_slots' })
@Index('interview_slots_stage_starts_idx', ['stageId', 'startsAt', 'id'])
@Unique('interview_slots_stage_application_key', ['stageId', 'applicationId'])
@Check('interview_slots_length_check', `length_minutes > 0 AND length_minutes <= 480`)
@Check('interview_slots_where_check', `place IS NOT NULL OR video_url IS NOT NULL`)
export class InterviewSlot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  stageId: string;

  @ManyToOne(() => AssessmentStage, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'stage_id' })
  stage?: AssessmentStage;

  @Column('uuid')
  challengeId: string;

  @Column('uuid')
  programmeId: string;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'int' })
  lengthMinutes: number;

  @Column({ type: 'text', nullable: true })
  place: string | null;

  @Column({ type: 'text', nullable: true })
  videoUrl: string | null;

  @Index('interview_slots_application_idx')
  @Column({ type: 'uuid', nullable: true })
  applicationId: string | null;

  @ManyToOne(() => Application, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id' })
  application?: Application;

  @Column({ type: 'uuid', nullable: true })
  bookedByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
