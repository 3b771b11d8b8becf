import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { Application } from '@catalyst/applications';
import { AssessmentStage } from './assessment-stage.entity';

/**
 * A programme manager's recorded decision that an application enters a later stage (never
 * implied). Every assessable application is in the first stage without one.
 */
@Entity({ name: 'stage_entries' })
@Unique('stage_entries_stage_application_key', ['stageId', 'applicationId'])
@Index('stage_entries_application_idx', ['applicationId'])
export class StageEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  stageId: string;

  @ManyToOne(() => AssessmentStage, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'stage_id' })
  stage?: AssessmentStage;

  /** The stage's key, copied so stage filters need no join. */
  @Column({ type: 'text' })
  stageKey: string;

  @Column('uuid')
  applicationId: string;

  @ManyToOne(() => Application, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id' })
  application?: Application;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'uuid', nullable: true })
  enteredByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
