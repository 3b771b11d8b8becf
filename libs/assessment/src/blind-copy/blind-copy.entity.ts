import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Application } from '@catalyst/applications';
import { User } from '@catalyst/identity';
import type { BlindCopyAnswer } from './blind-copy';

/**
 * A programme manager's amended blind copy of an application's answers: what a blind panel
 * reads instead of the automatic redaction, for the questions it lists. One per application.
 */
@Entity({ name: 'blind_copies' })
export class BlindCopy {
  @PrimaryColumn('uuid')
  applicationId: string;

  @OneToOne(() => Application, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id' })
  application?: Application;

  @Column({ type: 'jsonb' })
  answers: BlindCopyAnswer[];

  @Column('uuid')
  amendedByUserId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'amended_by_user_id' })
  amendedBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
