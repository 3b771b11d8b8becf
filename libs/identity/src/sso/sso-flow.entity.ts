import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { IdentityProvider } from './identity-provider.entity';

export type SsoFlowKind = 'web' | 'api';
export type SsoFlowStatus = 'started' | 'link_pending' | 'completed' | 'exchanged' | 'refused';

/**
 * One sign-in through a provider, from the redirect to the provider until it ends. `secretHash`
 * binds it to whoever started it (the web's cookie, or the API client's flow secret); the
 * PKCE verifier, state and nonce are checked by openid-client at the callback.
 */
@Entity({ name: 'sso_flows' })
@Index('sso_flows_expires_idx', ['expiresAt'])
@Check('sso_flows_kind_check', `kind IN ('web', 'api')`)
@Check(
  'sso_flows_status_check',
  `status IN ('started', 'link_pending', 'completed', 'exchanged', 'refused')`,
)
export class SsoFlow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  providerId: string;

  @ManyToOne(() => IdentityProvider, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'provider_id' })
  provider?: IdentityProvider;

  @Column({ type: 'text' })
  kind: SsoFlowKind;

  @Column({ type: 'text', unique: true })
  secretHash: string;

  @Column({ type: 'text', unique: true })
  state: string;

  @Column({ type: 'text' })
  nonce: string;

  @Column({ type: 'text' })
  codeVerifier: string;

  @Column({ type: 'text', default: 'started' })
  status: SsoFlowStatus;

  /** Where the web sends the person afterwards (a local path). */
  @Column({ type: 'text', nullable: true })
  next: string | null;

  /** The provider's answer, kept while a link waits for the account owner's password. */
  @Column({ type: 'text', nullable: true })
  subject: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  /** The Catalyst sign-in (refresh-token family) it started, for the provider's sign-out. */
  @Index('sso_flows_family_idx')
  @Column({ type: 'uuid', nullable: true })
  familyId: string | null;

  /** API flows: the one-time code exchanged at POST /auth/sso/exchange. */
  @Column({ type: 'text', nullable: true, unique: true })
  exchangeCodeHash: string | null;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
