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
import { Organisation } from '../entities/organisation.entity';
import type { Role } from '../roles';

export const FIRST_SIGN_IN_POLICIES = ['join', 'invited_only'] as const;
export type FirstSignInPolicy = (typeof FIRST_SIGN_IN_POLICIES)[number];

/**
 * An organisation's own OpenID Connect provider: who vouches for the people of its e-mail
 * domains. The client secret is stored sealed (AES-256-GCM, SSO_ENCRYPTION_KEY), never plain.
 */
@Entity({ name: 'identity_providers' })
@Index('identity_providers_organisation_idx', ['organisationId', 'createdAt', 'id'])
@Check('identity_providers_first_sign_in_check', `first_sign_in IN ('join', 'invited_only')`)
@Check(
  'identity_providers_default_role_check',
  `(first_sign_in = 'join') = (default_role IS NOT NULL)`,
)
export class IdentityProvider {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  /** What the sign-in button says: "Sign in with <displayName>". */
  @Column({ type: 'text' })
  displayName: string;

  @Column({ type: 'text' })
  issuerUrl: string;

  @Column({ type: 'text' })
  clientId: string;

  /** `v1.<iv>.<tag>.<ciphertext>` (base64url), or null for a public client. */
  @Column({ type: 'text', nullable: true, select: false })
  clientSecretSealed: string | null;

  /** Lower-cased e-mail domains it vouches for; each belongs to one provider at most. */
  @Column({ type: 'text', array: true })
  emailDomains: string[];

  @Column({ type: 'text' })
  firstSignIn: FirstSignInPolicy;

  @Column({ type: 'text', nullable: true })
  defaultRole: Role | null;

  /** Its organisation's members sign in only through it (password sign-in refused). */
  @Column({ type: 'boolean', default: false })
  requireSso: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
