import { EntityManager } from 'typeorm';
import { AuditActor, AuditInput, AuditService } from '@catalyst/audit';
import { returning } from '@catalyst/common';

/**
 * SQL (over uuid expressions) that is true when the assessor is a member of a company that
 * applied to the challenge (any application past draft): a competitor of every applicant, so
 * conflicted for every application of that challenge, declared or not.
 */
export function competitorSql(assessor: string, challenge: string): string {
  return `EXISTS (SELECT 1 FROM memberships cm
                    JOIN applications cap ON cap.startup_organisation_id = cm.organisation_id
                   WHERE cm.user_id = ${assessor} AND cap.challenge_id = ${challenge}
                     AND cap.status <> 'draft')`;
}

/**
 * SQL that is true when the assessor may not judge the company in the challenge, as far as the
 * assessor may be told: a conflict declared in this challenge, or in a non-blind challenge when
 * this one is not blind either; membership of the company; or membership of any company that
 * applied to the challenge (a competitor). A conflict declared elsewhere is not used here for a
 * blind challenge: refusing the assessor would tell them which company the blind application
 * is. Such a conflict still keeps their score out of the ranking (ranking.sql.ts) and the pair
 * out of assignment, where the assessor cannot see the effect.
 */
export function conflictedSql(assessor: string, company: string, challenge: string): string {
  return `(EXISTS (SELECT 1 FROM conflict_declarations d
                    LEFT JOIN challenges dc ON dc.id = d.challenge_id
                    LEFT JOIN rounds dr ON dr.id = dc.round_id
                   WHERE d.assessor_user_id = ${assessor}
                     AND d.startup_organisation_id = ${company}
                     AND (d.challenge_id = ${challenge}
                          OR (dr.blind_review IS NOT TRUE
                              AND NOT (SELECT r.blind_review FROM challenges c
                                         JOIN rounds r ON r.id = c.round_id
                                        WHERE c.id = ${challenge}))))
           OR EXISTS (SELECT 1 FROM memberships m
                       WHERE m.user_id = ${assessor} AND m.organisation_id = ${company})
           OR ${competitorSql(assessor, challenge)})`;
}

export const COMPETITOR_REASON =
  'The assessor is a member of a company that applied to this challenge.';

/**
 * Moves the open and submitted assessments of competitors in the challenge (panel members who
 * belong to a company that applied to it, e.g. one that applied after they were assigned) to
 * `conflicted`, each audited. Runs in the caller's transaction; answers the ids moved.
 */
export async function conflictCompetitors(
  manager: EntityManager,
  audit: AuditService,
  actor: AuditActor,
  challengeId: string,
): Promise<string[]> {
  const flipped = await returning<{
    id: string;
    from_status: string;
    assessor: string;
    programme_id: string;
  }>(
    manager,
    `WITH target AS (
       SELECT a.id, a.status, a.assessor_user_id
         FROM assessments a
        WHERE a.challenge_id = $1 AND a.status <> 'conflicted'
          AND ${competitorSql('a.assessor_user_id', '$1::uuid')}
          FOR UPDATE OF a)
     UPDATE assessments s
        SET status = 'conflicted', conflict_reason = $2, submitted_at = NULL,
            version = s.version + 1, updated_at = now()
       FROM target
      WHERE s.id = target.id
     RETURNING s.id, target.status AS from_status, target.assessor_user_id AS assessor,
               s.programme_id`,
    [challengeId, COMPETITOR_REASON],
  );
  const events: AuditInput[] = flipped.map((a) => ({
    actor,
    action: 'assessment.conflicted',
    programmeId: a.programme_id,
    entityType: 'assessment',
    entityId: a.id,
    from: a.from_status,
    to: 'conflicted',
    reason: COMPETITOR_REASON,
    data: { challengeId, assessorUserId: a.assessor, why: 'competitor' },
  }));
  await audit.recordMany(manager, events);
  return flipped.map((a) => a.id).sort();
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
