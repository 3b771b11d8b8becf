import { EntityManager } from 'typeorm';

/**
 * SQL (over `$assessor` and `$company`, both uuid expressions) that is true when the assessor
 * may not judge the company: a declared conflict, or membership of the company itself (its own
 * staff need no declaration to be conflicted).
 */
export function conflictedSql(assessor: string, company: string): string {
  return `(EXISTS (SELECT 1 FROM conflict_declarations d
                    WHERE d.assessor_user_id = ${assessor}
                      AND d.startup_organisation_id = ${company})
           OR EXISTS (SELECT 1 FROM memberships m
                       WHERE m.user_id = ${assessor} AND m.organisation_id = ${company}))`;
}

/**
 * Serialises, per assessor, declaring a conflict against handing out work: a declaration and an
 * assignment run racing each other would each miss the other's uncommitted rows, leaving the
 * conflicted pair assigned. Locks are taken in id order, so callers locking several never
 * deadlock; they are held until the transaction ends.
 */
export async function lockAssessors(
  manager: EntityManager,
  assessorUserIds: readonly string[],
): Promise<void> {
  const ids = [...new Set(assessorUserIds)].sort();
  if (!ids.length) return;
  await manager.query(
    // A plain scan of unnest yields the (sorted) array in order: one statement, locks in order.
    `SELECT pg_advisory_xact_lock(hashtext('assessor-conflicts'), hashtext(id))
       FROM unnest($1::text[]) AS t(id)`,
    [ids],
  );
}
