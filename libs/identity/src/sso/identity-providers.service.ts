import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, diff } from '@catalyst/audit';
import {
  APP_CONFIG,
  AppConfig,
  Clock,
  NotFoundError,
  Page,
  PageQueryDto,
  ValidationFailedError,
  assertVersion,
  mapPage,
  paginate,
} from '@catalyst/common';
import type { Actor } from '../auth/actor';
import { Membership } from '../entities/membership.entity';
import { Organisation } from '../entities/organisation.entity';
import { OrganisationPolicy } from '../policy/organisation.policy';
import { assertAllowed, assertVisible } from '../policy/visibility';
import type {
  CreateIdentityProviderDto,
  CreatePasswordSignInOverrideDto,
  UpdateIdentityProviderDto,
} from './identity-provider.dto';
import { IdentityProvider } from './identity-provider.entity';
import { IdentityProviderPolicy } from './identity-provider.policy';
import { IdentityProviderDto, PasswordSignInOverrideDto } from './identity-provider.view';
import { PasswordSignInOverride } from './password-sign-in-override.entity';
import { seal } from './secret-box';
import {
  DefaultRoleUnfitError,
  EmailDomainTakenError,
  OverrideNotNeededError,
  SecretKeyMissingError,
} from './sso.errors';

const EDITABLE = [
  'displayName',
  'issuerUrl',
  'clientId',
  'emailDomains',
  'firstSignIn',
  'defaultRole',
  'requireSso',
] as const;

/** Configuring organisations' identity providers, and password sign-in exceptions. */
@Injectable()
export class IdentityProvidersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(
    actor: Actor,
    organisationId: string,
    query: PageQueryDto,
  ): Promise<Page<IdentityProviderDto>> {
    await this.organisationFor(actor, organisationId, 'see');
    const qb = this.dataSource
      .getRepository(IdentityProvider)
      .createQueryBuilder('p')
      .addSelect('p.clientSecretSealed')
      .where('p.organisationId = :organisationId', { organisationId });
    const page = await paginate(qb, {
      alias: 'p',
      sortBy: 'createdAt',
      direction: 'ASC',
      limit: query.limit,
      cursor: query.cursor,
    });
    return mapPage(page, (p) => IdentityProviderDto.from(p, !!p.clientSecretSealed));
  }

  async get(actor: Actor, organisationId: string, id: string): Promise<IdentityProviderDto> {
    await this.organisationFor(actor, organisationId, 'see');
    const provider = await this.find(this.dataSource.manager, organisationId, id);
    return IdentityProviderDto.from(provider, !!provider.clientSecretSealed);
  }

  async create(
    actor: Actor,
    organisationId: string,
    input: CreateIdentityProviderDto,
  ): Promise<IdentityProviderDto> {
    const organisation = await this.organisationFor(actor, organisationId, 'manage');
    this.assertIssuer(input.issuerUrl);
    this.assertRole(organisation, input.firstSignIn, input.defaultRole ?? null);
    if (input.clientSecret !== undefined) this.key();
    const created = await this.dataSource.transaction(async (manager) => {
      await assertDomainsFree(manager, input.emailDomains);
      const provider = manager.create(IdentityProvider, {
        organisationId,
        displayName: input.displayName,
        issuerUrl: input.issuerUrl,
        clientId: input.clientId,
        emailDomains: input.emailDomains,
        firstSignIn: input.firstSignIn,
        defaultRole: input.firstSignIn === 'join' ? (input.defaultRole ?? null) : null,
        requireSso: input.requireSso ?? false,
        clientSecretSealed: null,
      });
      const saved = await manager.save(provider);
      if (input.clientSecret !== undefined) {
        saved.clientSecretSealed = seal(this.key(), input.clientSecret, saved.id);
        await manager.update(
          IdentityProvider,
          { id: saved.id },
          { clientSecretSealed: saved.clientSecretSealed },
        );
      }
      await this.audit.record(manager, {
        actor,
        action: 'identity_provider.created',
        entityType: 'identity_provider',
        entityId: saved.id,
        operatorOrganisationId: OrganisationPolicy.auditOperatorOf(organisation),
        data: {
          organisationId,
          issuerUrl: saved.issuerUrl,
          emailDomains: saved.emailDomains,
          firstSignIn: saved.firstSignIn,
          defaultRole: saved.defaultRole,
          requireSso: saved.requireSso,
          hasClientSecret: !!saved.clientSecretSealed,
        },
      });
      return saved;
    });
    return IdentityProviderDto.from(created, !!created.clientSecretSealed);
  }

  async update(
    actor: Actor,
    organisationId: string,
    id: string,
    input: UpdateIdentityProviderDto,
    expectedVersion?: number,
  ): Promise<IdentityProviderDto> {
    const organisation = await this.organisationFor(actor, organisationId, 'manage');
    if (input.issuerUrl !== undefined) this.assertIssuer(input.issuerUrl);
    if (typeof input.clientSecret === 'string') this.key();
    const updated = await this.dataSource.transaction(async (manager) => {
      const provider = await this.find(manager, organisationId, id, true);
      assertVersion('identity provider', expectedVersion, provider.version);
      const before = { ...provider };
      for (const field of EDITABLE) {
        if (input[field] !== undefined) Object.assign(provider, { [field]: input[field] });
      }
      if (provider.firstSignIn === 'invited_only') provider.defaultRole = null;
      this.assertRole(organisation, provider.firstSignIn, provider.defaultRole);
      if (input.emailDomains) await assertDomainsFree(manager, input.emailDomains, id);
      const changes = diff({ ...before }, { ...provider }, EDITABLE);
      if (input.clientSecret !== undefined) {
        provider.clientSecretSealed =
          input.clientSecret === null ? null : seal(this.key(), input.clientSecret, id);
        // The secret itself is never written to the trail, only that it changed.
        changes.clientSecret = {
          from: before.clientSecretSealed ? 'set' : 'none',
          to: provider.clientSecretSealed ? 'replaced' : 'none',
        };
      }
      if (Object.keys(changes).length === 0) return provider;
      const saved = await manager.save(provider);
      await this.audit.record(manager, {
        actor,
        action: 'identity_provider.updated',
        entityType: 'identity_provider',
        entityId: id,
        operatorOrganisationId: OrganisationPolicy.auditOperatorOf(organisation),
        data: { changes },
      });
      return saved;
    });
    return IdentityProviderDto.from(updated, !!updated.clientSecretSealed);
  }

  async remove(
    actor: Actor,
    organisationId: string,
    id: string,
    expectedVersion?: number,
  ): Promise<void> {
    const organisation = await this.organisationFor(actor, organisationId, 'manage');
    await this.dataSource.transaction(async (manager) => {
      const provider = await this.find(manager, organisationId, id, true);
      assertVersion('identity provider', expectedVersion, provider.version);
      await manager.delete(IdentityProvider, { id });
      await this.audit.record(manager, {
        actor,
        action: 'identity_provider.deleted',
        entityType: 'identity_provider',
        entityId: id,
        operatorOrganisationId: OrganisationPolicy.auditOperatorOf(organisation),
        data: { organisationId, issuerUrl: provider.issuerUrl },
      });
    });
  }

  /**
   * The emergency exception to requireSso: for `hours`, this member may sign in with a
   * password. Those who configure the providers grant it; audited with its reason.
   */
  async grantPasswordOverride(
    actor: Actor,
    organisationId: string,
    input: CreatePasswordSignInOverrideDto,
  ): Promise<PasswordSignInOverrideDto> {
    const organisation = await this.organisationFor(actor, organisationId, 'manage');
    return this.dataSource.transaction(async (manager) => {
      const member = await manager.existsBy(Membership, { userId: input.userId, organisationId });
      const requires = await manager.existsBy(IdentityProvider, {
        organisationId,
        requireSso: true,
      });
      if (!member || !requires) throw new OverrideNotNeededError();
      const expiresAt = new Date(this.clock.now().getTime() + input.hours * 3_600_000);
      const saved = await manager.save(
        manager.create(PasswordSignInOverride, {
          userId: input.userId,
          organisationId,
          grantedByUserId: actor.userId,
          reason: input.reason,
          expiresAt,
        }),
      );
      await this.audit.record(manager, {
        actor,
        action: 'password_sign_in_override.granted',
        entityType: 'password_sign_in_override',
        entityId: saved.id,
        reason: input.reason,
        operatorOrganisationId: OrganisationPolicy.auditOperatorOf(organisation),
        data: { userId: input.userId, organisationId, expiresAt: expiresAt.toISOString() },
      });
      return {
        id: saved.id,
        userId: saved.userId,
        organisationId,
        reason: saved.reason,
        expiresAt: expiresAt.toISOString(),
      };
    });
  }

  /** The organisation, when the caller may see (or manage) its providers; 404/403 otherwise. */
  private async organisationFor(
    actor: Actor,
    organisationId: string,
    need: 'see' | 'manage',
  ): Promise<Organisation> {
    const organisation = await this.dataSource
      .getRepository(Organisation)
      .findOneBy({ id: organisationId });
    assertVisible(
      !!organisation && IdentityProviderPolicy.canSee(actor, organisation),
      'Organisation',
      organisationId,
    );
    if (need === 'manage') {
      assertAllowed(
        IdentityProviderPolicy.canManage(actor, organisation as Organisation),
        'Only the programme managers who look after an organisation configure its identity providers.',
      );
    }
    return organisation as Organisation;
  }

  private async find(
    manager: EntityManager,
    organisationId: string,
    id: string,
    lock = false,
  ): Promise<IdentityProvider> {
    const qb = manager
      .getRepository(IdentityProvider)
      .createQueryBuilder('p')
      .addSelect('p.clientSecretSealed')
      .where('p.id = :id AND p.organisationId = :organisationId', { id, organisationId });
    if (lock) qb.setLock('pessimistic_write');
    const provider = await qb.getOne();
    if (!provider) throw new NotFoundError('Identity provider', id);
    return provider;
  }

  private key(): Buffer {
    if (!this.config.ssoEncryptionKey) throw new SecretKeyMissingError();
    return this.config.ssoEncryptionKey;
  }

  private assertIssuer(issuerUrl: string): void {
    if (issuerUrl.startsWith('https://')) return;
    if (this.config.ssoAllowInsecureIssuers && issuerUrl.startsWith('http://')) return;
    throw new ValidationFailedError(
      'The issuer URL must be https://.',
      [{ field: 'issuerUrl', message: 'must be an https:// address' }],
      'identity_provider.insecure_issuer',
    );
  }

  private assertRole(
    organisation: Organisation,
    firstSignIn: string,
    defaultRole: string | null,
  ): void {
    if (firstSignIn !== 'join') return;
    const fitting = IdentityProviderPolicy.joinableRoles(organisation.kind);
    if (!defaultRole || !fitting.includes(defaultRole as never)) {
      throw new DefaultRoleUnfitError(organisation.kind, fitting);
    }
  }
}

/**
 * 409 when another provider vouches for one of these domains. The advisory locks serialise two
 * writers racing to one domain.
 */
async function assertDomainsFree(
  manager: EntityManager,
  domains: string[],
  exceptId?: string,
): Promise<void> {
  for (const domain of [...domains].sort()) {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`sso-domain:${domain}`]);
  }
  const rows: { domain: string }[] = await manager.query(
    `SELECT d AS domain FROM identity_providers, unnest(email_domains) AS d
      WHERE d = ANY($1::text[]) AND ($2::uuid IS NULL OR id <> $2::uuid) LIMIT 1`,
    [domains, exceptId ?? null],
  );
  if (rows[0]) throw new EmailDomainTakenError(rows[0].domain);
}
