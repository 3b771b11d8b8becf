import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { Clock, NotFoundError, ValidationFailedError } from '@catalyst/common';
import type { Actor } from '../auth/actor';
import { PasswordHasher } from '../auth/password-hasher.service';
import { assertPasswordAcceptable } from '../auth/password-policy';
import { RefreshTokens } from '../auth/refresh-tokens.service';
import { hashSecretToken, newSecretToken } from '../auth/secret-token';
import { PasswordResetToken } from '../entities/password-reset-token.entity';
import { User } from '../entities/user.entity';
import { OrganisationPolicy } from '../policy/organisation.policy';
import { assertAllowed } from '../policy/visibility';
import type { ChangePasswordDto, PasswordChangedDto, PasswordResetIssuedDto } from './password.dto';
import { PasswordResetExpiredError, PasswordResetUsedError } from './password.errors';

export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;

/**
 * Changing a password (signed in, with the current one) and resetting it with a single-use,
 * expiring token (stored hashed). A change ends the user's other sign-ins; a reset ends all of
 * them. The new password always passes the one password rule.
 */
@Injectable()
export class PasswordsService {
  private readonly logger = new Logger(PasswordsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordHasher,
    private readonly refreshTokens: RefreshTokens,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async change(actor: Actor, input: ChangePasswordDto): Promise<PasswordChangedDto> {
    const user = await this.userWithHash(actor.userId);
    if (!user || !(await this.passwords.verify(user.passwordHash, input.currentPassword))) {
      throw new ValidationFailedError(
        'The current password is not correct.',
        [
          {
            field: 'currentPassword',
            message: 'is not your current password',
            code: 'password.current_incorrect',
          },
        ],
        'password.current_incorrect',
      );
    }
    if (input.newPassword === input.currentPassword) {
      throw new ValidationFailedError(
        'The new password is the current one.',
        [
          {
            field: 'newPassword',
            message: 'must differ from the current password',
            code: 'password.unchanged',
          },
        ],
        'password.rejected',
      );
    }
    assertPasswordAcceptable(input.newPassword, user, 'newPassword');
    const passwordHash = await this.passwords.hash(input.newPassword);
    return this.dataSource.transaction(async (manager) => {
      await manager.update(User, { id: user.id }, { passwordHash });
      const ended = await this.refreshTokens.revokeAllOf(manager, user.id, actor.sessionId);
      await this.audit.record(manager, {
        actor,
        action: 'user.password_changed',
        entityType: 'user',
        entityId: user.id,
        data: { signInsEnded: ended.length, keptSignIn: actor.sessionId ?? null },
      });
      return { signInsEnded: ended.length };
    });
  }

  /**
   * Starts a reset for whoever owns `email`, if anyone does; the caller always answers 202.
   * There is no mail system yet, so the token is neither sent nor shown (nor logged): the
   * request is audited, and a programme manager can issue a reset link instead.
   */
  async request(email: string, correlationId?: string): Promise<void> {
    const user = await this.dataSource
      .getRepository(User)
      .findOneBy({ email: email.toLowerCase(), disabledAt: IsNull() });
    if (!user) {
      this.logger.log(
        { correlationId },
        'Password reset requested for an address with no active account',
      );
      return;
    }
    await this.dataSource.transaction(async (manager) => {
      const { id } = await this.createToken(manager, user.id, null);
      await this.audit.record(manager, {
        actor: { userId: null, correlationId },
        action: 'password_reset.requested',
        entityType: 'password_reset',
        entityId: id,
        data: { userId: user.id, delivery: 'not_sent' },
      });
    });
  }

  /**
   * A programme manager issues a reset for a user and hands the token on (no mail yet). Not
   * for another operator's staff or an instance administrator (that would hand over their
   * account): those are 404 unless the caller looks after them (OrganisationPolicy).
   */
  async issue(actor: Actor, userId: string): Promise<PasswordResetIssuedDto> {
    assertAllowed(
      actor.isProgrammeManager || actor.isInstanceAdmin,
      'Only programme managers issue password resets.',
    );
    const user = await this.dataSource.getRepository(User).findOneBy({ id: userId });
    if (!user) throw new NotFoundError('User', userId);
    const operators: { id: string }[] = await this.dataSource.query(
      `SELECT o.id FROM memberships m JOIN organisations o ON o.id = m.organisation_id
        WHERE m.user_id = $1 AND o.kind = 'operator'`,
      [userId],
    );
    const looksAfterUser =
      actor.isInstanceAdmin ||
      (!user.instanceAdmin &&
        operators.every((o) =>
          OrganisationPolicy.looksAfter(actor, { id: o.id, kind: 'operator' }),
        ));
    if (!looksAfterUser) throw new NotFoundError('User', userId);
    return this.dataSource.transaction(async (manager) => {
      const { id, token, expiresAt } = await this.createToken(manager, user.id, actor.userId);
      await this.audit.record(manager, {
        actor,
        action: 'password_reset.issued',
        entityType: 'password_reset',
        entityId: id,
        data: { userId: user.id, expiresAt: expiresAt.toISOString() },
      });
      return {
        id,
        tokenDelivery: 'response',
        token,
        path: `/api/v1/auth/password-resets/${token}`,
        expiresAt: expiresAt.toISOString(),
      };
    });
  }

  /** Sets the new password, uses the token up and ends every sign-in of the user. */
  async complete(token: string, newPassword: string, correlationId?: string): Promise<void> {
    const tokenHash = hashSecretToken(token);
    const found = await this.dataSource.getRepository(PasswordResetToken).findOneBy({ tokenHash });
    if (!found) throw new NotFoundError('Password reset');
    this.assertUsable(found);
    const user = await this.dataSource.getRepository(User).findOneBy({ id: found.userId });
    if (!user || user.disabledAt) throw new NotFoundError('Password reset');
    assertPasswordAcceptable(newPassword, user, 'newPassword');
    const passwordHash = await this.passwords.hash(newPassword);

    await this.dataSource.transaction(async (manager) => {
      // The row lock makes the token single-use even when two requests race with it.
      const reset = await manager.getRepository(PasswordResetToken).findOne({
        where: { id: found.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!reset) throw new NotFoundError('Password reset');
      this.assertUsable(reset);
      const now = this.clock.now();
      // Using one reset retires every other outstanding one of the user.
      await manager.update(
        PasswordResetToken,
        { userId: user.id, usedAt: IsNull() },
        { usedAt: now },
      );
      await manager.update(User, { id: user.id }, { passwordHash });
      const ended = await this.refreshTokens.revokeAllOf(manager, user.id);
      await this.audit.record(manager, {
        actor: { userId: user.id, correlationId },
        action: 'user.password_reset',
        entityType: 'user',
        entityId: user.id,
        data: { passwordResetId: reset.id, signInsEnded: ended.length },
      });
    });
  }

  private assertUsable(reset: PasswordResetToken): void {
    if (reset.usedAt) {
      throw new PasswordResetUsedError();
    }
    if (reset.expiresAt.getTime() <= this.clock.now().getTime()) {
      throw new PasswordResetExpiredError();
    }
  }

  private async createToken(
    manager: EntityManager,
    userId: string,
    issuedByUserId: string | null,
  ): Promise<{ id: string; token: string; expiresAt: Date }> {
    const token = newSecretToken();
    const expiresAt = new Date(this.clock.now().getTime() + PASSWORD_RESET_TTL_MS);
    const row = await manager.save(
      manager.create(PasswordResetToken, {
        userId,
        tokenHash: hashSecretToken(token),
        expiresAt,
        issuedByUserId,
      }),
    );
    return { id: row.id, token, expiresAt };
  }

  private userWithHash(userId: string): Promise<User | null> {
    return this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :userId AND u.disabled_at IS NULL', { userId })
      .getOne();
  }
}
