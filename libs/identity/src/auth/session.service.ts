import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { Clock, UnauthenticatedError } from '@catalyst/common';
import { User } from '../entities/user.entity';
import { AccessTokenService } from './access-token.service';
import type { TokenPairDto } from './dto/token-pair.view';
import { PasswordHasher } from './password-hasher.service';
import { RefreshTokens } from './refresh-tokens.service';
import { hashSecretToken } from './secret-token';
import { SsoRequiredError } from '../sso/sso.errors';

export const REFRESH_FAMILY_ENTITY = 'refresh_token_family';

/** Sign-in, token refresh with rotation, and sign-out. */
@Injectable()
export class SessionService {
  private readonly logger = new Logger(SessionService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordHasher,
    private readonly refreshTokens: RefreshTokens,
    private readonly accessTokens: AccessTokenService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async login(email: string, password: string, correlationId?: string): Promise<TokenPairDto> {
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: email.toLowerCase() })
      .getOne();
    const valid = user
      ? await this.passwords.verify(user.passwordHash, password)
      : await this.passwords.verifyNothing(password);
    // One answer for unknown e-mail, wrong password and disabled account: no account probing.
    if (!user || !valid || user.disabledAt) {
      throw new UnauthenticatedError('The e-mail address or password is not correct.');
    }
    await this.assertPasswordSignInAllowed(user.id, correlationId);
    if (this.passwords.needsRehash(user.passwordHash)) {
      await this.upgradeHash(user.id, user.passwordHash, password);
    }
    const { refreshToken, familyId } = await this.refreshTokens.start(
      this.dataSource.manager,
      user.id,
    );
    return this.pair(user.id, refreshToken, familyId);
  }

  /**
   * An organisation that requires single sign-on refuses its members' password sign-in (after
   * the password was verified, so the answer tells nothing to someone who does not know it),
   * unless a programme manager granted this member an exception that has not expired yet.
   * The refusal is audited.
   */
  private async assertPasswordSignInAllowed(userId: string, correlationId?: string) {
    const rows: { organisation_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT m.organisation_id FROM memberships m
         JOIN identity_providers p ON p.organisation_id = m.organisation_id AND p.require_sso
        WHERE m.user_id = $1
          AND NOT EXISTS (SELECT 1 FROM password_sign_in_overrides o
                           WHERE o.user_id = m.user_id AND o.organisation_id = m.organisation_id
                             AND o.expires_at > $2)
        ORDER BY m.organisation_id`,
      [userId, this.clock.now()],
    );
    if (!rows.length) return;
    const organisationIds = rows.map((r) => r.organisation_id);
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, {
        actor: { userId, correlationId },
        action: 'password_sign_in.refused',
        entityType: 'user',
        entityId: userId,
        reason: SsoRequiredError.code,
        data: { organisationIds },
      }),
    );
    throw new SsoRequiredError(organisationIds);
  }

  /**
   * Re-hashes a password whose hash has older parameters, now that the plain password is at
   * hand. Only when the stored hash is still the one just verified (a password change in
   * between wins), and never at the cost of the sign-in itself. Not an audit event: the
   * password is the same, only how it is stored changed.
   */
  private async upgradeHash(userId: string, oldHash: string, password: string): Promise<void> {
    try {
      const newHash = await this.passwords.hash(password);
      await this.dataSource.query(
        'UPDATE users SET password_hash = $1 WHERE id = $2 AND password_hash = $3',
        [newHash, userId, oldHash],
      );
    } catch (error) {
      this.logger.warn({ userId, err: error }, 'Could not upgrade a password hash');
    }
  }

  async refresh(token: string, correlationId?: string): Promise<TokenPairDto> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const rotation = await this.refreshTokens.rotate(manager, token);
      if (rotation.kind === 'reused') {
        await this.audit.record(manager, {
          actor: { userId: null, correlationId },
          action: 'refresh_token_family.revoked',
          entityType: REFRESH_FAMILY_ENTITY,
          entityId: rotation.familyId,
          from: 'active',
          to: 'revoked',
          reason: 'refresh token reused',
          data: { userId: rotation.userId, tokensRevoked: rotation.revoked },
        });
      }
      // The revocation must commit, so the refusal is thrown after the transaction.
      return rotation;
    });
    if (outcome.kind !== 'rotated') {
      throw new UnauthenticatedError(
        outcome.kind === 'reused'
          ? 'This refresh token was already used; every token of this sign-in is now revoked. Sign in again.'
          : 'The refresh token is unknown, expired or revoked. Sign in again.',
      );
    }
    return this.pair(outcome.userId, outcome.refreshToken, outcome.familyId);
  }

  /**
   * Revokes the sign-in (token family) the refresh token belongs to. Idempotent: an unknown or
   * already revoked token is not an error, so the answer reveals nothing about tokens.
   */
  async logout(token: string, correlationId?: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const family = await this.refreshTokens.familyOf(manager, token);
      if (!family) return;
      const revoked = await this.refreshTokens.revokeFamily(manager, family.familyId);
      if (revoked === 0) return;
      await this.audit.record(manager, {
        actor: { userId: family.userId, correlationId },
        action: 'refresh_token_family.revoked',
        entityType: REFRESH_FAMILY_ENTITY,
        entityId: family.familyId,
        from: 'active',
        to: 'revoked',
        reason: 'logout',
        data: { userId: family.userId, tokensRevoked: revoked },
      });
    });
  }

  /**
   * The live sign-in a refresh token stands for, without using it up: the web application keeps
   * the token of its sign-in in an httpOnly cookie and asks on every request. Null when the
   * token is unknown, used, revoked or expired, or the account is disabled — so signing out
   * (logout) or a password change ends the web session on every replica at once.
   */
  async signInOf(token: string): Promise<{ userId: string; familyId: string } | null> {
    const rows: { user_id: string; family_id: string }[] = await this.dataSource.query(
      `SELECT t.user_id, t.family_id FROM refresh_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.used_at IS NULL
          AND t.expires_at > $2 AND u.disabled_at IS NULL`,
      [hashSecretToken(token), this.clock.now()],
    );
    return rows[0] ? { userId: rows[0].user_id, familyId: rows[0].family_id } : null;
  }

  private async pair(
    userId: string,
    refreshToken: string,
    familyId: string,
  ): Promise<TokenPairDto> {
    const { accessToken, expiresIn } = await this.accessTokens.issue(userId, familyId);
    return { accessToken, refreshToken, expiresIn, tokenType: 'Bearer' };
  }
}
