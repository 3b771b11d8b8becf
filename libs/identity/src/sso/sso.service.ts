import { Injectable, Logger } from '@nestjs/common';
import * as client from 'openid-client';
import { DataSource, EntityManager, In, IsNull, MoreThan } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { Clock, DomainError } from '@catalyst/common';
import { AccessTokenService } from '../auth/access-token.service';
import type { TokenPairDto } from '../auth/dto/token-pair.view';
import { PasswordHasher } from '../auth/password-hasher.service';
import { RefreshTokens } from '../auth/refresh-tokens.service';
import { hashSecretToken, newSecretToken } from '../auth/secret-token';
import { Invitation } from '../entities/invitation.entity';
import { Membership } from '../entities/membership.entity';
import { Organisation } from '../entities/organisation.entity';
import { User } from '../entities/user.entity';
import { OrganisationPolicy } from '../policy/organisation.policy';
import type { Role } from '../roles';
import { IdentityLink } from './identity-link.entity';
import { IdentityProvider } from './identity-provider.entity';
import { SsoChoiceDto } from './identity-provider.view';
import { OidcClients } from './oidc-clients.service';
import { SsoFlow, SsoFlowKind } from './sso-flow.entity';
import {
  SsoAccountDisabledError,
  SsoDomainNotVouchedError,
  SsoFlowExpiredError,
  SsoIdTokenInvalidError,
  SsoLinkPasswordIncorrectError,
  SsoNoProviderError,
  SsoNotInvitedError,
  SsoProviderRefusedError,
  SsoStateMismatchError,
} from './sso.errors';

/** A sign-in through a provider must come back within this. */
const FLOW_TTL_MS = 10 * 60 * 1000;
/** An API client exchanges its one-time code within this. */
const EXCHANGE_TTL_MS = 2 * 60 * 1000;
/** Accounts made by single sign-on have no password until their owner sets one. */
const NO_PASSWORD = '!sso';

export type SsoOutcome =
  | {
      kind: 'signed_in';
      userId: string;
      refreshToken: string;
      familyId: string;
      next: string | null;
    }
  | { kind: 'exchange'; exchangeCode: string; expiresAt: Date }
  | { kind: 'link_required'; email: string; next: string | null };

/** How a flow is found: by the secret its starter holds, or (API callback) by its state. */
export type FlowLookup = { secret: string } | { state: string };

interface Verified {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

/**
 * Signing in through an organisation's own OpenID Connect provider: authorization code with
 * PKCE, state and nonce (openid-client verifies the ID token's signature, issuer, audience,
 * expiry and nonce). Accounts are found by (provider, subject); an existing account with the
 * same e-mail is linked only when its owner confirms with its password. Every sign-in, link
 * and refusal is audited.
 */
@Injectable()
export class SsoService {
  private readonly logger = new Logger(SsoService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly clients: OidcClients,
    private readonly refreshTokens: RefreshTokens,
    private readonly accessTokens: AccessTokenService,
    private readonly passwords: PasswordHasher,
  ) {}

  /** Every provider, for "choose your organisation" (names only: nothing secret). */
  async choices(): Promise<SsoChoiceDto[]> {
    const rows = await this.dataSource
      .getRepository(IdentityProvider)
      .find({ order: { displayName: 'ASC', id: 'ASC' }, take: 200 });
    return rows.map((p) => ({ providerId: p.id, displayName: p.displayName }));
  }

  /** The provider that vouches for an e-mail address's domain, if any. */
  async providerForEmail(email: string): Promise<SsoChoiceDto | null> {
    const domain = email.trim().toLowerCase().split('@')[1];
    if (!domain) return null;
    const provider = await this.dataSource
      .getRepository(IdentityProvider)
      .createQueryBuilder('p')
      .where(':domain = ANY(p.emailDomains)', { domain })
      .getOne();
    return provider ? { providerId: provider.id, displayName: provider.displayName } : null;
  }

  /**
   * Starts a sign-in: the flow row (PKCE verifier, state, nonce) and the provider's
   * authorization URL. `secret` goes to the starter only (the web's cookie, the API client).
   */
  async start(
    target: { providerId: string } | { email: string },
    kind: SsoFlowKind,
    next?: string | null,
  ): Promise<{ authorizationUrl: string; secret: string; expiresAt: Date }> {
    const providerId =
      'providerId' in target
        ? target.providerId
        : (await this.providerForEmail(target.email))?.providerId;
    const provider = providerId
      ? await this.dataSource.getRepository(IdentityProvider).findOne({
          where: { id: providerId },
          select: this.withSecret(),
        })
      : null;
    if (!provider) throw new SsoNoProviderError();
    const config = await this.configuration(provider);
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const secret = newSecretToken();
    const expiresAt = new Date(this.clock.now().getTime() + FLOW_TTL_MS);
    await this.dataSource.getRepository(SsoFlow).insert({
      providerId: provider.id,
      kind,
      secretHash: hashSecretToken(secret),
      state,
      nonce,
      codeVerifier,
      next: next ?? null,
      expiresAt,
    });
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.clients.redirectUri(kind),
      scope: 'openid email profile',
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...('email' in target ? { login_hint: target.email } : {}),
    });
    return { authorizationUrl: url.href, secret, expiresAt };
  }

  /**
   * The provider sent the person back: checks and redeems the code (openid-client checks
   * state, PKCE and the ID token), then signs them in, or says a link must be confirmed.
   * `query` is the callback's query string, exactly as received.
   */
  async complete(lookup: FlowLookup, query: string, correlationId?: string): Promise<SsoOutcome> {
    const flow = await this.liveFlow(lookup, ['started']);
    if (!flow) throw new SsoFlowExpiredError();
    const provider = await this.provider(flow.providerId);
    const fail = (error: DomainError, data: Record<string, unknown> = {}) =>
      this.refuse(flow, provider, error, data, correlationId);

    let verified: Verified;
    try {
      const config = await this.configuration(provider);
      const currentUrl = new URL(`${this.clients.redirectUri(flow.kind)}?${query}`);
      const tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new SsoIdTokenInvalidError();
      verified = {
        subject: claims.sub,
        email: typeof claims.email === 'string' ? claims.email.toLowerCase() : null,
        emailVerified: claims.email_verified !== false,
        name: typeof claims.name === 'string' ? claims.name : null,
      };
    } catch (error) {
      return fail(this.classify(error), { providerError: providerErrorOf(error) });
    }

    const domain = verified.email?.split('@')[1];
    if (
      !verified.email ||
      !verified.emailVerified ||
      !domain ||
      !provider.emailDomains.includes(domain)
    ) {
      return fail(new SsoDomainNotVouchedError(), {
        subject: verified.subject,
        email: verified.email,
      });
    }

    const outcome = await this.dataSource.transaction(async (manager) => {
      const link = await manager.findOneBy(IdentityLink, {
        providerId: provider.id,
        subject: verified.subject,
      });
      if (link) return this.signIn(manager, flow, provider, link.userId, verified, correlationId);
      const existing = await manager.findOneBy(User, { email: verified.email as string });
      if (existing) {
        await manager.update(
          SsoFlow,
          { id: flow.id },
          {
            status: 'link_pending',
            subject: verified.subject,
            email: verified.email,
            expiresAt: new Date(this.clock.now().getTime() + FLOW_TTL_MS),
          },
        );
        await this.audit.record(manager, {
          actor: { userId: null, correlationId },
          action: 'sso_sign_in.link_required',
          entityType: 'sso_sign_in',
          entityId: flow.id,
          ...this.scope(provider),
          data: { providerId: provider.id, subject: verified.subject, email: verified.email },
        });
        return { kind: 'link_required', email: verified.email as string, next: flow.next } as const;
      }
      const userId = await this.firstSignIn(manager, provider, verified, correlationId);
      if (!userId) return null;
      return this.signIn(manager, flow, provider, userId, verified, correlationId);
    });
    if (!outcome)
      return fail(new SsoNotInvitedError(), { subject: verified.subject, email: verified.email });
    if (outcome instanceof DomainError) return fail(outcome, { subject: verified.subject });
    return outcome;
  }

  /**
   * The explicit step that links an existing account: its owner, back from the provider with
   * the same e-mail address, proves the account is theirs with its password.
   */
  async confirmLink(
    lookup: FlowLookup,
    password: string,
    correlationId?: string,
  ): Promise<SsoOutcome> {
    const flow = await this.liveFlow(lookup, ['link_pending']);
    if (!flow || !flow.subject || !flow.email) throw new SsoFlowExpiredError();
    const { subject, email } = flow;
    const provider = await this.provider(flow.providerId);
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: flow.email })
      .getOne();
    const valid = user ? await this.passwords.verify(user.passwordHash, password) : false;
    if (!user || !valid) {
      await this.dataSource.transaction((manager) =>
        this.audit.record(manager, {
          actor: { userId: null, correlationId },
          action: 'sso_sign_in.link_refused',
          entityType: 'sso_sign_in',
          entityId: flow.id,
          ...this.scope(provider),
          reason: 'password incorrect',
          data: { providerId: provider.id, subject, email },
        }),
      );
      throw new SsoLinkPasswordIncorrectError();
    }
    const verified: Verified = {
      subject: flow.subject,
      email: flow.email,
      emailVerified: true,
      name: null,
    };
    const outcome = await this.dataSource.transaction(async (manager) => {
      const link = await manager.save(
        manager.create(IdentityLink, {
          providerId: provider.id,
          subject: flow.subject as string,
          userId: user.id,
          via: 'confirmed_link',
        }),
      );
      await this.audit.record(manager, {
        actor: { userId: user.id, correlationId },
        action: 'identity_link.created',
        entityType: 'identity_link',
        entityId: link.id,
        ...this.scope(provider),
        data: {
          providerId: provider.id,
          userId: user.id,
          subject: link.subject,
          via: 'confirmed_link',
        },
      });
      return this.signIn(manager, flow, provider, user.id, verified, correlationId);
    });
    if (outcome instanceof DomainError)
      return this.refuse(flow, provider, outcome, {}, correlationId);
    return outcome;
  }

  /** The e-mail address a pending link is for (the link page shows it), or null. */
  async pendingLink(lookup: FlowLookup): Promise<{ email: string } | null> {
    const flow = await this.liveFlow(lookup, ['link_pending']);
    return flow?.email ? { email: flow.email } : null;
  }

  /** POST /auth/sso/exchange: the one-time code and the flow's secret → the usual token pair. */
  async exchange(secret: string, exchangeCode: string): Promise<TokenPairDto> {
    const now = this.clock.now();
    // An UPDATE through TypeORM's query() answers [rows, affected].
    const [rows]: [{ id: string; user_id: string }[], number] = await this.dataSource.query(
      `UPDATE sso_flows SET status = 'exchanged', exchange_code_hash = NULL
        WHERE secret_hash = $1 AND exchange_code_hash = $2 AND status = 'completed'
          AND kind = 'api' AND expires_at > $3
        RETURNING id, user_id`,
      [hashSecretToken(secret), hashSecretToken(exchangeCode), now],
    );
    const row = rows[0];
    if (!row) throw new SsoFlowExpiredError();
    return this.dataSource.transaction(async (manager) => {
      const { refreshToken, familyId } = await this.refreshTokens.start(manager, row.user_id);
      await manager.update(SsoFlow, { id: row.id }, { familyId });
      const { accessToken, expiresIn } = await this.accessTokens.issue(row.user_id, familyId);
      return { accessToken, refreshToken, expiresIn, tokenType: 'Bearer' as const };
    });
  }

  /**
   * The provider's own sign-out address for a Catalyst sign-in that came through it (null when
   * it did not, or the provider has no end_session_endpoint).
   */
  async endSessionUrlForSignIn(familyId: string): Promise<{ providerId: string } | null> {
    const flow = await this.dataSource.getRepository(SsoFlow).findOneBy({ familyId });
    return flow ? { providerId: flow.providerId } : null;
  }

  async endSessionUrl(providerId: string): Promise<string | null> {
    const provider = await this.dataSource
      .getRepository(IdentityProvider)
      .findOne({ where: { id: providerId }, select: this.withSecret() });
    if (!provider) return null;
    try {
      const config = await this.configuration(provider);
      if (!config.serverMetadata().end_session_endpoint) return null;
      return client.buildEndSessionUrl(config, {
        post_logout_redirect_uri: this.clients.signedOutUri,
        client_id: provider.clientId,
      }).href;
    } catch (error) {
      this.logger.warn({ providerId, err: error }, 'No end-session address from the provider');
      return null;
    }
  }

  /** Who is signed in after a sign-in through a provider; the first sign-in's account. */
  private async firstSignIn(
    manager: EntityManager,
    provider: IdentityProvider,
    verified: Verified,
    correlationId?: string,
  ): Promise<string | null> {
    const email = verified.email as string;
    const invitation = await manager.findOne(Invitation, {
      where: {
        organisationId: provider.organisationId,
        email,
        acceptedAt: IsNull(),
        revokedAt: IsNull(),
        expiresAt: MoreThan(this.clock.now()),
      },
      order: { createdAt: 'DESC' },
      lock: { mode: 'pessimistic_write' },
    });
    let role: Role | null = invitation?.role ?? null;
    if (!role && provider.firstSignIn === 'join') role = provider.defaultRole;
    if (!role) return null;
    const organisation =
      provider.organisation ??
      (await manager.findOneByOrFail(Organisation, { id: provider.organisationId }));
    const user = await manager.save(
      manager.create(User, {
        email,
        name: verified.name?.trim() || email.split('@')[0],
        passwordHash: NO_PASSWORD,
      }),
    );
    const actor = { userId: user.id, correlationId };
    const operatorOrganisationId = OrganisationPolicy.auditOperatorOf(organisation);
    await manager.insert(Membership, { userId: user.id, organisationId: organisation.id, role });
    const link = await manager.save(
      manager.create(IdentityLink, {
        providerId: provider.id,
        subject: verified.subject,
        userId: user.id,
        via: invitation ? 'invitation' : 'first_sign_in',
      }),
    );
    if (invitation) {
      await manager.update(
        Invitation,
        { id: invitation.id },
        {
          acceptedAt: this.clock.now(),
          acceptedByUserId: user.id,
          version: invitation.version + 1,
        },
      );
    }
    await this.audit.recordMany(manager, [
      {
        actor,
        action: 'user.created',
        entityType: 'user',
        entityId: user.id,
        operatorOrganisationId,
        data: {
          email,
          organisationId: organisation.id,
          role,
          ...(invitation ? { via: 'invitation' as const, invitationId: invitation.id } : {}),
        },
      },
      ...(invitation
        ? [
            {
              actor,
              action: 'invitation.accepted',
              entityType: 'invitation',
              entityId: invitation.id,
              from: 'pending',
              to: 'accepted',
              operatorOrganisationId,
              data: { userId: user.id, accountCreated: true },
            },
          ]
        : []),
      {
        actor,
        action: 'membership.added',
        entityType: 'organisation',
        entityId: organisation.id,
        operatorOrganisationId,
        data: { userId: user.id, organisationId: organisation.id, role, email },
      },
      {
        actor,
        action: 'identity_link.created',
        entityType: 'identity_link',
        entityId: link.id,
        operatorOrganisationId,
        data: {
          providerId: provider.id,
          userId: user.id,
          subject: verified.subject,
          via: link.via,
        },
      },
    ]);
    return user.id;
  }

  /** The sign-in itself: a new Catalyst sign-in (web) or a one-time exchange code (API). */
  private async signIn(
    manager: EntityManager,
    flow: SsoFlow,
    provider: IdentityProvider,
    userId: string,
    verified: Verified,
    correlationId?: string,
  ): Promise<SsoOutcome | DomainError> {
    const user = await manager.findOneByOrFail(User, { id: userId });
    if (user.disabledAt) return new SsoAccountDisabledError();
    const now = this.clock.now();
    await manager.update(
      IdentityLink,
      { providerId: provider.id, subject: verified.subject },
      { lastSignInAt: now },
    );
    await this.audit.record(manager, {
      actor: { userId, correlationId },
      action: 'sso_sign_in.completed',
      entityType: 'sso_sign_in',
      entityId: flow.id,
      ...this.scope(provider),
      data: { providerId: provider.id, userId, subject: verified.subject, kind: flow.kind },
    });
    if (flow.kind === 'api') {
      const exchangeCode = newSecretToken();
      const expiresAt = new Date(now.getTime() + EXCHANGE_TTL_MS);
      await manager.update(
        SsoFlow,
        { id: flow.id },
        { status: 'completed', userId, exchangeCodeHash: hashSecretToken(exchangeCode), expiresAt },
      );
      return { kind: 'exchange', exchangeCode, expiresAt };
    }
    const { refreshToken, familyId } = await this.refreshTokens.start(manager, userId);
    await manager.update(SsoFlow, { id: flow.id }, { status: 'completed', userId, familyId });
    return { kind: 'signed_in', userId, refreshToken, familyId, next: flow.next };
  }

  /** Records the refusal (its own transaction, so it stays) and throws it. */
  private async refuse(
    flow: SsoFlow,
    provider: IdentityProvider,
    error: DomainError,
    data: Record<string, unknown>,
    correlationId?: string,
  ): Promise<never> {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(SsoFlow, { id: flow.id }, { status: 'refused' });
      await this.audit.record(manager, {
        actor: { userId: null, correlationId },
        action: 'sso_sign_in.refused',
        entityType: 'sso_sign_in',
        entityId: flow.id,
        ...this.scope(provider),
        reason: error.code,
        data: { providerId: provider.id, code: error.code, ...data },
      });
    });
    throw error;
  }

  /** openid-client's refusals, in our terms. */
  private classify(error: unknown): DomainError {
    if (error instanceof DomainError) return error;
    if (error instanceof client.AuthorizationResponseError) {
      return new SsoProviderRefusedError(error.error);
    }
    if (error instanceof client.ResponseBodyError) return new SsoProviderRefusedError(error.error);
    const message = error instanceof Error ? error.message : String(error);
    if (/"state"/.test(message)) return new SsoStateMismatchError();
    if (error instanceof client.ClientError && error.code?.startsWith('OAUTH_')) {
      this.logger.warn({ err: error }, 'An ID token or token response failed verification');
      return new SsoIdTokenInvalidError();
    }
    this.logger.warn({ err: error }, 'Could not complete a sign-in with the provider');
    return new SsoProviderRefusedError('unreachable');
  }

  private async liveFlow(
    lookup: FlowLookup,
    statuses: SsoFlow['status'][],
  ): Promise<SsoFlow | null> {
    const where =
      'secret' in lookup
        ? { secretHash: hashSecretToken(lookup.secret) }
        : { state: lookup.state, kind: 'api' as const };
    return this.dataSource.getRepository(SsoFlow).findOneBy({
      ...where,
      status: In(statuses),
      expiresAt: MoreThan(this.clock.now()),
    });
  }

  private async provider(id: string): Promise<IdentityProvider> {
    const provider = await this.dataSource
      .getRepository(IdentityProvider)
      .findOneOrFail({ where: { id }, select: this.withSecret() });
    provider.organisation = await this.dataSource
      .getRepository(Organisation)
      .findOneByOrFail({ id: provider.organisationId });
    return provider;
  }

  private async configuration(provider: IdentityProvider): Promise<client.Configuration> {
    try {
      return await this.clients.configuration(provider);
    } catch (error) {
      this.logger.warn({ providerId: provider.id, err: error }, 'Provider discovery failed');
      throw new SsoProviderRefusedError('unreachable');
    }
  }

  /** Events about an operator's provider are read by that operator's programme managers only. */
  private scope(provider: IdentityProvider): { operatorOrganisationId: string | null } {
    return {
      operatorOrganisationId: provider.organisation
        ? OrganisationPolicy.auditOperatorOf(provider.organisation)
        : null,
    };
  }

  private withSecret() {
    return {
      id: true,
      organisationId: true,
      displayName: true,
      issuerUrl: true,
      clientId: true,
      clientSecretSealed: true,
      emailDomains: true,
      firstSignIn: true,
      defaultRole: true,
      requireSso: true,
      version: true,
      createdAt: true,
      updatedAt: true,
    } as const;
  }
}

function providerErrorOf(error: unknown): string | undefined {
  if (
    error instanceof client.AuthorizationResponseError ||
    error instanceof client.ResponseBodyError
  ) {
    return error.error;
  }
  return error instanceof Error ? error.message.slice(0, 200) : undefined;
}
