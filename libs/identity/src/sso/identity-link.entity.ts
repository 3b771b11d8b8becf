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
import { User } from '../entities/user.entity';
import { IdentityProvider } from './identity-provider.entity';

/**
 * A Catalyst account known to a provider by its stable subject (`sub`). Accounts are matched
 * by this, never by e-mail: an address can change hands, a subject cannot.
 */
@Entity({ name: 'identity_links' })
@Unique('identity_links_provider_subject_key', ['providerId', 'subject'])
export class IdentityLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  providerId: string;

  @ManyToOne(() => IdentityProvider, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'provider_id' })
  provider?: IdentityProvider;

  @Column({ type: 'text' })
  subject: string;

  @Index('identity_links_user_idx')
  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /** How it was made: at a first sign-in, or by the account's owner confirming with a password. */
  @Column({ type: 'text' })
  via: 'first_sign_in' | 'invitation' | 'confirmed_link';

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastSignInAt: Date | null;
}
