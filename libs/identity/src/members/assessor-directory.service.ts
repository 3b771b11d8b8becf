import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Over alias `u` (users): not disabled, and an assessor in some organisation. */
const ACTIVE_ASSESSOR = `u.disabled_at IS NULL
  AND EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.role = 'assessor')`;

export interface ActiveAssessor {
  id: string;
  name: string;
  email: string;
}

/**
 * The identity context's answer to "who may assess": active (not disabled) users holding the
 * assessor role in some organisation. Other contexts (the assessment panel) ask here instead of
 * reading users and memberships; reads run in the caller's transaction (`manager`).
 */
@Injectable()
export class AssessorDirectory {
  async activeAssessor(manager: EntityManager, userId: string): Promise<ActiveAssessor | null> {
    const rows: ActiveAssessor[] = await manager.query(
      `SELECT u.id, u.name, u.email FROM users u
        WHERE u.id = $1 AND ${ACTIVE_ASSESSOR}`,
      [userId],
    );
    return rows[0] ?? null;
  }

  /** The active assessor with this e-mail address (as typed, any case), or null. */
  async activeAssessorByEmail(
    manager: EntityManager,
    email: string,
  ): Promise<ActiveAssessor | null> {
    const rows: ActiveAssessor[] = await manager.query(
      `SELECT u.id, u.name, u.email FROM users u
        WHERE lower(u.email) = lower($1) AND ${ACTIVE_ASSESSOR}`,
      [email.trim()],
    );
    return rows[0] ?? null;
  }

  /** Those of `userIds` who are active assessors, in id order. */
  async activeAmong(manager: EntityManager, userIds: readonly string[]): Promise<string[]> {
    if (!userIds.length) return [];
    const rows: { id: string }[] = await manager.query(
      `SELECT u.id FROM users u
        WHERE u.id = ANY($1::uuid[]) AND ${ACTIVE_ASSESSOR}
        ORDER BY u.id`,
      [[...new Set(userIds)]],
    );
    return rows.map((r) => r.id);
  }
}
