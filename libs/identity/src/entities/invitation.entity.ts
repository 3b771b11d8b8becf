import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  VersionColumn,
} from 'typeorm';
import type { Role } from '../roles';
import { Organisation } from './organisation.entity';

/** A single-use, expiring invitation; only the token's SHA-256 hash is stored. */
// Keyset lists sort on these (sort key, id); see test/foundation/list-indexes.e2e-spec.ts.
@Index('invitations_organisation_email_idx', ['organisationId', 'email', 'id'])
@Entity({ name: 'invitations' })
export class Invitation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('invitations_organisation_idx')
  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  role: Role;

  @Column({ type: 'text', unique: true })
  tokenHash: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  acceptedByUserId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column('uuid')
  invitedByUserId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** Moves with each transition (accepted, revoked): If-Match on POST /invitations/{id}/transitions. */
  @VersionColumn({ default: 1 })
  version: number;
}
