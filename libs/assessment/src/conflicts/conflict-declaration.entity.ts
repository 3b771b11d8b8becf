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
import { Organisation, User } from '@catalyst/identity';
import { Challenge } from '@catalyst/rounds';

/**
 * An assessor's declared conflict of interest with a company. It holds for every challenge:
 * assignment never gives the assessor that company's applications, and rankings leave out the
 * assessor's scores of that company. One declaration per assessor, company and challenge: a
 * declaration on a blind application must not be answered "already on record" because of one
 * made elsewhere by company (that would name the blind applicant).
 */
// Keyset lists sort on these (sort key, id); see test/foundation/list-indexes.e2e-spec.ts.
@Index('conflict_declarations_created_idx', ['createdAt', 'id'])
@Entity({ name: 'conflict_declarations' })
@Unique('conflict_declarations_assessor_company_challenge_key', [
  'assessorUserId',
  'startupOrganisationId',
  'challengeId',
])
export class ConflictDeclaration {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  assessorUserId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessor_user_id' })
  assessor?: User;

  @Index('conflict_declarations_startup_idx')
  @Column('uuid')
  startupOrganisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'startup_organisation_id' })
  startupOrganisation?: Organisation;

  /** The challenge the declaration was made in (the conflict holds everywhere). */
  @Index('conflict_declarations_challenge_idx')
  @Column({ type: 'uuid', nullable: true })
  challengeId: string | null;

  @ManyToOne(() => Challenge, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'challenge_id' })
  challenge?: Challenge;

  /** The application that prompted it, when declared from an assessment. */
  @Column({ type: 'uuid', nullable: true })
  applicationId: string | null;

  @ManyToOne(() => Application, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id' })
  application?: Application;

  @Column({ type: 'text' })
  reason: string;

  /** Who recorded it: the assessor, or a programme manager on their behalf. */
  @Column('uuid')
  declaredByUserId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
