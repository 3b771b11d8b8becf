import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, IsNull } from 'typeorm';
import { Clock, returning } from '@catalyst/common';
import { RefreshToken } from '../entities/refresh-token.entity';
import { User } from '../entities/user.entity';
import { hashSecretToken, newSecretToken } from './secret-token';

export const REFRESH_TOKEN_TTL_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export type Rotation =
  | { kind: 'rotated'; userId: string; familyId: string; refreshToken: string }
  | { kind: 'reused'; userId: string; familyId: string; revoked: number }
  | { kind: 'invalid' };

/**
 * Refresh tokens: opaque, stored hashed, one family per sign-in. Each use retires the token
 * and issues the next of the same family; a retired token presented again means it was copied,
 * so the whole family is revoked (the thief and the owner both have to sign in again).
 */
@Injectable()
export class RefreshTokens {
  constructor(private readonly clock: Clock) {}

  /** Starts a new family (a sign-in). */
  async start(
    manager: EntityManager,
    userId: string,
  ): Promise<{ refreshToken: string; familyId: string }> {
    const familyId = randomUUID();
    return { refreshToken: await this.issue(manager, userId, familyId), familyId };
  }

  /**
   * Ends a user's sign-ins: revokes every live token of theirs, except those of the family
   * `keepFamilyId` (the caller's own sign-in). Returns the families it ended.
   */
  async revokeAllOf(
    manager: EntityManager,
    userId: string,
    keepFamilyId?: string,
  ): Promise<string[]> {
    const rows = await returning<{ family_id: string }>(
      manager,
      `UPDATE refresh_tokens SET revoked_at = $1
        WHERE user_id = $2 AND revoked_at IS NULL AND ($3::uuid IS NULL OR family_id <> $3::uuid)
        RETURNING family_id`,
      [this.clock.now(), userId, keepFamilyId ?? null],
    );
    return [...new Set(rows.map((r) => r.family_id))];
  }

  /** Must run in a transaction: the row lock serialises concurrent uses of one token. */
  async rotate(manager: EntityManager, token: string): Promise<Rotation> {
    const now = this.clock.now();
    const row = await manager.getRepository(RefreshToken).findOne({
      where: { tokenHash: hashSecretToken(token) },
      lock: { mode: 'pessimistic_write' },
    });
    if (!row || row.revokedAt) return { kind: 'invalid' };
    if (row.usedAt) {
      const revoked = await this.revokeFamily(manager, row.familyId);
      return { kind: 'reused', userId: row.userId, familyId: row.familyId, revoked };
    }
    if (row.expiresAt.getTime() <= now.getTime()) return { kind: 'invalid' };
    const active = await manager.existsBy(User, { id: row.userId, disabledAt: IsNull() });
    if (!active) return { kind: 'invalid' };
    await manager.update(RefreshToken, { id: row.id }, { usedAt: now });
    const refreshToken = await this.issue(manager, row.userId, row.familyId);
    return { kind: 'rotated', userId: row.userId, familyId: row.familyId, refreshToken };
  }

  /**
   * The family a token belongs to, or null when the token is unknown. Must run in a
   * transaction: it takes the same row lock as `rotate`, so a refresh of this token that is
   * under way commits first and the caller's next statement sees the token it issued (or the
   * refresh waits and then finds the token revoked).
   */
  async familyOf(
    manager: EntityManager,
    token: string,
  ): Promise<{ userId: string; familyId: string } | null> {
    const row = await manager.getRepository(RefreshToken).findOne({
      where: { tokenHash: hashSecretToken(token) },
      select: { id: true, userId: true, familyId: true },
      lock: { mode: 'pessimistic_write' },
    });
    return row ? { userId: row.userId, familyId: row.familyId } : null;
  }

  /** Revokes every live token of a family; returns how many were still live. */
  async revokeFamily(manager: EntityManager, familyId: string): Promise<number> {
    const result = await manager.update(
      RefreshToken,
      { familyId, revokedAt: IsNull() },
      { revokedAt: this.clock.now() },
    );
    return result.affected ?? 0;
  }

  private async issue(manager: EntityManager, userId: string, familyId: string): Promise<string> {
    const token = newSecretToken();
    await manager.insert(RefreshToken, {
      userId,
      familyId,
      tokenHash: hashSecretToken(token),
      expiresAt: new Date(this.clock.now().getTime() + REFRESH_TOKEN_TTL_DAYS * DAY_MS),
    });
    return token;
  }
}
