import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { Programme } from '@catalyst/identity';
import { Challenge, type RubricCriterion } from '@catalyst/rounds';

/**
 * A step of selection for one challenge (`sift`, `interview`, …), in order. A challenge without
 * rows has one stage, the default `sift` (the challenge's rubric, the round's blind setting):
 * today's single stage. Adding a stage writes that default row first, so rows are 1, 2, ….
 */
@Entity({ name: 'assessment_stages' })
@Unique('assessment_stages_challenge_key_key', ['challengeId', 'key'])
@Unique('assessment_stages_challenge_position_key', ['challengeId', 'position'])
@Check('assessment_stages_position_check', `position >= 1`)
@Check('assessment_stages_interview_not_blind_check', `NOT (needs_slots AND blind IS TRUE)`)
@Check('assessment_stages_rubric_check', `position = 1 OR rubric IS NOT NULL`)
export class AssessmentStage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  challengeId: string;

  @ManyToOne(() => Challenge, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'challenge_id' })
  challenge?: Challenge;

  @Column('uuid')
  programmeId: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Programme;

  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  label: string;

  @Column({ type: 'int' })
  position: number;

  /** Null for the first stage: it scores on the challenge's own rubric. */
  @Column({ type: 'jsonb', nullable: true })
  rubric: RubricCriterion[] | null;

  /** Null: the round's blind setting (the first stage's default). */
  @Column({ type: 'boolean', nullable: true })
  blind: boolean | null;

  /** Interviews: the stage is held in slots, and is never blind. */
  @Column({ type: 'boolean', default: false })
  needsSlots: boolean;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
