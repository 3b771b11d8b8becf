import {
  Check,
  Column,
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

export const RAG_STATUSES = ['green', 'amber', 'red'] as const;
export type RagStatus = (typeof RAG_STATUSES)[number];

/** A team's log entry for a sprint. Its author may edit it for 24 hours; then it is final. */
// Keyset lists sort on these (sort key, id); see test/foundation/list-indexes.e2e-spec.ts.
@Index('progress_updates_team_created_idx', ['teamId', 'createdAt', 'id'])
@Entity({ name: 'progress_updates' })
@Check('progress_updates_rag_check', `rag IN ('green', 'amber', 'red')`)
export class ProgressUpdate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  teamId: string;

  @ManyToOne(() => Team, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id' })
  team?: Team;

  @Index('progress_updates_sprint_idx')
  @Column('uuid')
  sprintId: string;

  @ManyToOne(() => Sprint, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sprint_id' })
  sprint?: Sprint;

  @Column('uuid')
  authorUserId: string;

  @Column('text')
  rag: RagStatus;

  @Column('text')
  summary: string;

  @Column({ type: 'text', nullable: true })
  blockers: string | null;

  @Column({ type: 'text', nullable: true })
  asksForHelp: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  evidenceUrls: string[];

  /** Documents (libs/documents) attached to this update that its author names as evidence. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  documentIds: string[];

  /**
   * When it was logged, by the injected clock (the 24-hour edit window and "last update" read
   * it). Millisecond precision: the list pages on (createdAt, id) with cursors made from a Date.
   */
  @Column({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
