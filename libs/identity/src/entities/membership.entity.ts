import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { Role } from '../roles';
import { Organisation } from './organisation.entity';
import { User } from './user.entity';

/** A user's role in one organisation. A user may hold several. */
@Entity({ name: 'memberships' })
@Unique('memberships_user_org_role_key', ['userId', 'organisationId', 'role'])
@Check(
  'memberships_role_check',
  `role IN ('programme_manager', 'sponsor', 'assessor', 'startup_member')`,
)
export class Membership {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, (u) => u.memberships, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Index('memberships_organisation_idx')
  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Column({ type: 'text' })
  role: Role;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
