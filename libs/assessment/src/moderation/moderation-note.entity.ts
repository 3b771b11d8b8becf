import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Application } from '@catalyst/applications';
import { User } from '@catalyst/identity';
import { Challenge } from '@catalyst/rounds';

/** A private note in an application's moderation thread (panel and programme managers only). */
@Entity({ name: 'moderation_notes' })
@Index('moderation_notes_application_idx', ['applicationId', 'createdAt'])
export class ModerationNote {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  applicationId: string;

  @ManyToOne(() => Application, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id' })
  application?: Application;

  @Column('uuid')
  challengeId: string;

  @ManyToOne(() => Challenge, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'challenge_id' })
  challenge?: Challenge;

  @Column('uuid')
  authorUserId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_user_id' })
  author?: User;

  /** The stage whose scores the note is about (moderation is per stage). */
  @Column({ type: 'text', default: 'sift' })
  stageKey: string;

  @Column({ type: 'text' })
  body: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
