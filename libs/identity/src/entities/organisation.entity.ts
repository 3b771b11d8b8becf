import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { OrganisationKind } from '../roles';

// Keyset lists sort on these (sort key, id); see test/foundation/list-indexes.e2e-spec.ts.
@Index('organisations_name_idx', ['name', 'id'])
@Entity({ name: 'organisations' })
@Check('organisations_kind_check', `kind IN ('operator', 'sponsor', 'startup')`)
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Index('organisations_kind_idx')
  @Column({ type: 'text' })
  kind: OrganisationKind;

  /** Small or medium-sized enterprise (startups only; null when unknown). Used by funnel reports. */
  @Column({ type: 'boolean', nullable: true })
  sme: boolean | null;

  @Column({ type: 'text', nullable: true })
  website: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
