import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Organisation } from './organisation.entity';

/**
 * A programme (CivTech, CAN DO, STiR San Francisco): run by one operator organisation, whose
 * programme managers manage it and nothing else. Rounds belong to one programme; companies,
 * sponsors and assessors are shared by every programme of the instance.
 */
// Keyset lists sort on these (sort key, id); see test/foundation/list-indexes.e2e-spec.ts.
@Index('programmes_name_idx', ['name', 'id'])
@Entity({ name: 'programmes' })
@Check('programmes_slug_check', `slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
@Check('programmes_currency_check', `currency ~ '^[A-Z]{3}$'`)
export class Programme {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('programmes_operator_idx')
  @Column('uuid')
  operatorOrganisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'operator_organisation_id' })
  operatorOrganisation?: Organisation;

  @Column({ type: 'text' })
  name: string;

  /** The programme's address on the public portal: lower-case letters, digits and hyphens. */
  @Column({ type: 'text', unique: true })
  slug: string;

  /** Branding text for the portal. */
  @Column({ type: 'text', nullable: true })
  shortDescription: string | null;

  @Column({ type: 'text', nullable: true })
  contactEmail: string | null;

  @Column({ type: 'text', nullable: true })
  websiteUrl: string | null;

  /** Default IANA time zone of the programme's new rounds. */
  @Column({ type: 'text' })
  timezone: string;

  /** ISO 4217 currency of the programme's money (budgets, milestone payments). */
  @Column({ type: 'text' })
  currency: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
