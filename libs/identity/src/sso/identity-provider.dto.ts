import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  IsUUID,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsOptionalNotNull } from '@catalyst/common';
import { ROLES, type Role } from '../roles';
import { trimmed } from '../trimmed';
import { FIRST_SIGN_IN_POLICIES, type FirstSignInPolicy } from './identity-provider.entity';

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const domains = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value)
    ? value.map((d: unknown) =>
        typeof d === 'string' ? d.trim().toLowerCase().replace(/^@/, '') : d,
      )
    : value;

export class CreateIdentityProviderDto {
  @ApiProperty({ example: 'Fife Council', description: 'The button says "Sign in with …"' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName: string;

  @ApiProperty({
    example: 'https://login.microsoftonline.com/<tenant-id>/v2.0',
    description:
      'The OpenID Connect issuer; its /.well-known/openid-configuration is read. https:// ' +
      '(http:// only where SSO_ALLOW_INSECURE_ISSUERS=true, for tests).',
  })
  @Transform(trimmed)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(500)
  issuerUrl: string;

  @ApiProperty({ example: '1f0c…' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  clientId: string;

  @ApiPropertyOptional({
    description:
      'Stored sealed (AES-256-GCM, SSO_ENCRYPTION_KEY); never shown again. Without the key ' +
      'it is refused (422 identity_provider.secret_key_missing).',
    writeOnly: true,
  })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  clientSecret?: string;

  @ApiProperty({
    example: ['fife.gov.uk'],
    description: 'Domains it vouches for; one provider each',
  })
  @Transform(domains)
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(DOMAIN, { each: true, message: 'each e-mail domain must be a domain like example.org' })
  emailDomains: string[];

  @ApiProperty({
    enum: FIRST_SIGN_IN_POLICIES,
    description:
      '`join`: someone the provider vouches for joins with `defaultRole`; `invited_only`: only ' +
      'people with an open invitation into the organisation',
  })
  @IsIn(FIRST_SIGN_IN_POLICIES)
  firstSignIn: FirstSignInPolicy;

  @ApiPropertyOptional({ enum: ROLES, description: 'Required with `join`, absent otherwise' })
  @ValidateIf((o: CreateIdentityProviderDto) => o.firstSignIn === 'join' || o.defaultRole != null)
  @IsIn(ROLES)
  defaultRole?: Role;

  @ApiPropertyOptional({
    default: false,
    description: 'Members of the organisation may not sign in with a password',
  })
  @IsOptionalNotNull()
  @IsBoolean()
  requireSso?: boolean;
}

/** Every field optional; `clientSecret: null` removes the secret (a public client). */
export class UpdateIdentityProviderDto {
  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @Transform(trimmed)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(500)
  issuerUrl?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  clientId?: string;

  @ApiPropertyOptional({ type: String, nullable: true, writeOnly: true })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  clientSecret?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptionalNotNull()
  @Transform(domains)
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(DOMAIN, { each: true, message: 'each e-mail domain must be a domain like example.org' })
  emailDomains?: string[];

  @ApiPropertyOptional({ enum: FIRST_SIGN_IN_POLICIES })
  @IsOptionalNotNull()
  @IsIn(FIRST_SIGN_IN_POLICIES)
  firstSignIn?: FirstSignInPolicy;

  @ApiPropertyOptional({ enum: ROLES, nullable: true })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsIn(ROLES)
  defaultRole?: Role | null;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsBoolean()
  requireSso?: boolean;
}

export class CreatePasswordSignInOverrideDto {
  @ApiProperty({ format: 'uuid', description: 'The member who may sign in with a password' })
  @IsUUID()
  userId: string;

  @ApiProperty({ example: 'Our provider is down during the assessment week' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;

  @ApiProperty({ minimum: 1, maximum: 72, description: 'How long it lasts, in hours (1–72)' })
  @IsInt()
  @Min(1)
  @Max(72)
  hours: number;
}
