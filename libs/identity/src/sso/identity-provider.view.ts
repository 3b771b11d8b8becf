import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../roles';
import { FIRST_SIGN_IN_POLICIES, type FirstSignInPolicy } from './identity-provider.entity';
import type { IdentityProvider } from './identity-provider.entity';

/** An identity provider as its organisation's administrators and programme managers see it. */
export class IdentityProviderDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty()
  displayName: string;

  @ApiProperty()
  issuerUrl: string;

  @ApiProperty()
  clientId: string;

  @ApiProperty({ description: 'Whether a client secret is stored (it is never shown)' })
  hasClientSecret: boolean;

  @ApiProperty({ type: [String] })
  emailDomains: string[];

  @ApiProperty({ enum: FIRST_SIGN_IN_POLICIES })
  firstSignIn: FirstSignInPolicy;

  @ApiProperty({ enum: ROLES, nullable: true })
  defaultRole: Role | null;

  @ApiProperty()
  requireSso: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  @ApiProperty()
  version: number;

  static from(p: IdentityProvider, hasClientSecret: boolean): IdentityProviderDto {
    return {
      id: p.id,
      organisationId: p.organisationId,
      displayName: p.displayName,
      issuerUrl: p.issuerUrl,
      clientId: p.clientId,
      hasClientSecret,
      emailDomains: p.emailDomains,
      firstSignIn: p.firstSignIn,
      defaultRole: p.defaultRole,
      requireSso: p.requireSso,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
      version: p.version,
    };
  }
}

export class IdentityProviderPageDto {
  @ApiProperty({ type: [IdentityProviderDto] })
  items: IdentityProviderDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

/** What the sign-in page may show anyone: which organisations offer single sign-on. */
export class SsoChoiceDto {
  @ApiProperty({ format: 'uuid' })
  providerId: string;

  @ApiProperty()
  displayName: string;
}

export class PasswordSignInOverrideDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty()
  reason: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt: string;
}
