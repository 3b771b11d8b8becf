import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organisation, Programme } from '@catalyst/identity';
import { Challenge, Round } from '@catalyst/rounds';
import { Application } from '../applications/application.entity';

/** A selected application in its round's cohort: company + challenge + sponsor. */
// Keyset lists sort on these (sort key, id); see test/foundation/list-indexes.e2e-spec.ts.
@Index('teams_round_created_idx', ['roundId', 'createdAt', 'id'])
@Entity({ name: 'teams' })
export class Team {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Its round's programme (copied when formed, never changes). */
  @Index('teams_programme_idx')
  @Column('uuid')
  programmeId: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Programme;

  @Index('teams_round_idx')
  @Column('uuid')
  roundId: string;

  @ManyToOne(() => Round, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'round_id' })
  round?: Round;

  @Column({ type: 'uuid', unique: true })
  applicationId: string;

  @OneToOne(() => Application, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id' })
  application?: Application;

  @Index('teams_startup_idx')
  @Column('uuid')
  startupOrganisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'startup_organisation_id' })
  startupOrganisation?: Organisation;

  @Column('uuid')
  challengeId: string;

  @ManyToOne(() => Challenge, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'challenge_id' })
  challenge?: Challenge;

  @Index('teams_sponsor_idx')
  @Column('uuid')
  sponsorOrganisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sponsor_organisation_id' })
  sponsorOrganisation?: Organisation;

  /**
   * Millisecond precision: lists page on (createdAt, id), and a cursor made from a JS Date
   * (milliseconds) must compare equal to the stored value, or rows repeat or vanish across pages.
   */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
