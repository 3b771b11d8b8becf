import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Membership } from './membership.entity';

// Members are listed by name (see test/foundation/list-indexes.e2e-spec.ts).
@Index('users_name_idx', ['name', 'id'])
@Entity({ name: 'users' })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased; unique. */
  @Column({ type: 'text', unique: true })
  email: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  /**
   * May create operator organisations and programmes (an instance-level action). The bootstrap
   * administrator is one; INSTANCE_ADMIN_EMAILS names others.
   */
  @Column({ type: 'boolean', default: false })
  instanceAdmin: boolean;

  @OneToMany(() => Membership, (m) => m.user)
  memberships?: Membership[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
