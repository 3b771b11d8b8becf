import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Challenge } from '@catalyst/rounds';

/** A challenge's feedback, released to its applicants by a programme manager (once). */
@Entity({ name: 'feedback_releases' })
export class FeedbackRelease {
  @PrimaryColumn('uuid')
  challengeId: string;

  @OneToOne(() => Challenge, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'challenge_id' })
  challenge?: Challenge;

  @Column('uuid')
  programmeId: string;

  @Column({ type: 'timestamptz' })
  releasedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  releasedByUserId: string | null;
}
