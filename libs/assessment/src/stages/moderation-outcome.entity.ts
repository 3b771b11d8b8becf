import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Application } from '@catalyst/applications';
import { NUMERIC } from '../shared/numeric.transformer';

/** The moderated outcome of one application at one stage: confirmed, or adjusted with a reason. */
@Entity({ name: 'moderation_outcomes' })
@Check('moderation_outcomes_outcome_check', `outcome IN ('confirmed', 'adjusted')`)
@Check(
  'moderation_outcomes_adjusted_check',
  `(outcome = 'adjusted') = (adjusted_score IS NOT NULL) AND (adjusted_score IS NULL OR (adjusted_score >= 0 AND adjusted_score <= 100))`,
)
export class ModerationOutcome {
  @PrimaryColumn('uuid')
  applicationId: string;

  @ManyToOne(() => Application, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id' })
  application?: Application;

  @PrimaryColumn({ type: 'text' })
  stageKey: string;

  @Column('uuid')
  challengeId: string;

  @Column({ type: 'text' })
  outcome: 'confirmed' | 'adjusted';

  @Column({ type: 'numeric', nullable: true, transformer: NUMERIC })
  adjustedScore: number | null;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'uuid', nullable: true })
  decidedByUserId: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
