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
import { User } from '@catalyst/identity';
import { Challenge } from '@catalyst/rounds';

/** A panel member: a user with the assessor role who may be assigned this challenge's applications. */
// Keyset lists sort on these (sort key, id); see test/foundation/list-indexes.e2e-spec.ts.
@Index('challenge_assessors_challenge_created_idx', ['challengeId', 'createdAt', 'id'])
@Entity({ name: 'challenge_assessors' })
@Unique('challenge_assessors_stage_user_key', ['challengeId', 'stageKey', 'userId'])
export class ChallengeAssessor {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  challengeId: string;

  @ManyToOne(() => Challenge, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'challenge_id' })
  challenge?: Challenge;

  /** The stage this seat is on (each stage has its own panel); `sift` is the first. */
  @Column({ type: 'text', default: 'sift' })
  stageKey: string;

  @Index('challenge_assessors_user_idx')
  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'uuid', nullable: true })
  addedByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
