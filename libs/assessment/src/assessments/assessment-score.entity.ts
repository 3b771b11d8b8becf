import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { NUMERIC } from '../shared/numeric.transformer';
import { Assessment } from './assessment.entity';

/**
 * One criterion's score. The rubric's weight and maximum are copied when the score is saved,
 * so a later rubric edit cannot silently change what an assessor's number meant.
 */
@Entity({ name: 'assessment_scores' })
@Check('assessment_scores_range_check', `score >= 0 AND score <= max_score`)
@Check('assessment_scores_max_check', `max_score > 0`)
@Check('assessment_scores_weight_check', `weight > 0`)
export class AssessmentScore {
  @PrimaryColumn('uuid')
  assessmentId: string;

  @ManyToOne(() => Assessment, (a) => a.scores, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessment_id' })
  assessment?: Assessment;

  @PrimaryColumn({ type: 'text' })
  criterionKey: string;

  @Column({ type: 'numeric', transformer: NUMERIC })
  score: number;

  @Column({ type: 'numeric', transformer: NUMERIC })
  maxScore: number;

  @Column({ type: 'numeric', transformer: NUMERIC })
  weight: number;
}
