import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditInput, AuditService } from '@catalyst/audit';
import {
  Clock,
  NotFoundError,
  Page,
  PageQueryDto,
  ValidationFailedError,
  mapPage,
  paginate,
  returning,
} from '@catalyst/common';
import { Actor } from '@catalyst/identity';
import { AssessmentPolicy } from '../policy/assessment.policy';
import { lockAssessors } from '../shared/assessor-conflicts';
import { ChallengeContext, ChallengeContextLoader } from '../shared/challenge-context';
import { ConflictDeclaration } from './conflict-declaration.entity';
import { ConflictView, DeclareConflictDto } from './conflict.dto';
import {
  ConflictAlreadyDeclaredError,
  ConflictBlindNeedsApplicationError,
  ConflictNotACompanyError,
  ConflictNotOnPanelError,
} from './conflict.errors';

export interface Declaration {
  assessorUserId: string;
  startupOrganisationId: string;
  challengeId: string;
  /** The challenge's programme (the declaration's audit event belongs to it). */
  programmeId: string;
  applicationId: string | null;
  reason: string;
}

export interface DeclarationResult {
  declaration: ConflictDeclaration;
  /** True when this call recorded it; false when the pair was already on record. */
  created: boolean;
  /** Assessments taken out of every calculation by it. */
  conflictedAssessmentIds: string[];
}

/**
 * Conflicts of interest. A declaration is between an assessor and a company, recorded per
 * challenge, and holds in every challenge: assignment skips the pair and rankings leave out the
 * assessor's scores of the company. What an assessor is shown of it never links a blind
 * application to a company (see `declare` and `list`).
 */
@Injectable()
export class ConflictsService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(ConflictDeclaration)
    private readonly declarations: Repository<ConflictDeclaration>,
    private readonly challenges: ChallengeContextLoader,
    private readonly policy: AssessmentPolicy,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** POST /challenges/{id}/conflicts */
  async declareInChallenge(
    actor: Actor,
    challengeId: string,
    dto: DeclareConflictDto,
  ): Promise<ConflictView> {
    if (!dto.startupOrganisationId === !dto.applicationId) {
      throw new ValidationFailedError('Name the company or one of its applications, not both.', [
        { field: 'startupOrganisationId', message: 'give exactly one of this and applicationId' },
      ]);
    }
    return this.dataSource.transaction(async (manager) => {
      const challenge = await this.challenges.load(challengeId, actor.userId, manager);
      const assessorUserId = dto.assessorUserId ?? actor.userId;
      this.policy.assertCanDeclareConflict(actor, challenge, assessorUserId);
      await this.assertOnPanel(manager, challenge.id, assessorUserId);
      const seesIdentity = this.policy.seesIdentity(actor, challenge);
      if (!seesIdentity && dto.startupOrganisationId) {
        // Answering for a company id would tell whether (and where) it applied to a blind round.
        throw new ConflictBlindNeedsApplicationError();
      }
      const startupOrganisationId = await this.companyOf(manager, challenge, dto);
      const result = await this.declare(manager, actor, {
        assessorUserId,
        startupOrganisationId,
        challengeId: challenge.id,
        programmeId: challenge.programmeId,
        applicationId: dto.applicationId ?? null,
        reason: dto.reason.trim(),
      });
      if (!result.created) {
        throw new ConflictAlreadyDeclaredError();
      }
      return toView(result.declaration, seesIdentity, {
        conflictedAssessmentIds: result.conflictedAssessmentIds,
      });
    });
  }

  /** GET /challenges/{id}/conflicts: programme managers see the whole panel's, members their own. */
  async list(actor: Actor, challengeId: string, page: PageQueryDto): Promise<Page<ConflictView>> {
    const challenge = await this.challenges.load(challengeId, actor.userId);
    this.policy.assertCanDeclareConflict(actor, challenge, actor.userId);
    const qb = this.declarations
      .createQueryBuilder('d')
      .where(
        'd.assessorUserId IN (SELECT ca.user_id FROM challenge_assessors ca WHERE ca.challenge_id = :challengeId)',
        { challengeId },
      );
    if (!this.policy.manages(actor, challenge)) {
      qb.andWhere('d.assessorUserId = :me', { me: actor.userId });
    }
    const result = await paginate(qb, {
      alias: 'd',
      sortBy: 'createdAt',
      direction: 'ASC',
      limit: page.limit,
      cursor: page.cursor,
    });
    // A declaration made in a blind round never shows its company to an assessor, wherever it
    // is listed: next to its blind application id it would name the blind applicant.
    const blindOrigins = await this.blindChallenges(result.items.map((d) => d.challengeId));
    const seesIdentity = this.policy.seesIdentity(actor, challenge);
    return mapPage(result, (d) =>
      toView(
        d,
        seesIdentity &&
          this.policy.seesIdentity(actor, {
            blindReview: d.challengeId === null || blindOrigins.has(d.challengeId),
            // A blind origin's company shows only to that programme's managers.
            programmeId:
              (d.challengeId && blindOrigins.get(d.challengeId)) || challenge.programmeId,
          }),
      ),
    );
  }

  /** The blind challenges among `ids`, each with its programme. */
  private async blindChallenges(ids: (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    if (!wanted.length) return new Map();
    const rows: { id: string; programme_id: string }[] = await this.dataSource.query(
      `SELECT c.id, c.programme_id FROM challenges c JOIN rounds r ON r.id = c.round_id
        WHERE c.id = ANY($1::uuid[]) AND r.blind_review`,
      [wanted],
    );
    return new Map(rows.map((r) => [r.id, r.programme_id]));
  }

  /**
   * Records the declaration (keeping an earlier one for the same assessor, company and
   * challenge) and moves the assessor's assessments of that company to `conflicted`: in this
   * challenge, and in other challenges only when neither this one nor that one is blind. A
   * visible move elsewhere would link a blind application to its company for the assessor
   * (their identified assessment turning conflicted the moment they declare on a blind one, or
   * the reverse). Every declaration, wherever made, still keeps the pair out of assignment
   * and the assessor's scores of the company out of every ranking. Runs in the caller's
   * transaction; the policy decision is the caller's.
   */
  async declare(
    manager: EntityManager,
    actor: Actor,
    declaration: Declaration,
  ): Promise<DeclarationResult> {
    await lockAssessors(manager, [declaration.assessorUserId]);
    const inserted: ConflictDeclaration[] = await manager.query(
      `INSERT INTO conflict_declarations
              (assessor_user_id, startup_organisation_id, challenge_id, application_id, reason,
               declared_by_user_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ON CONSTRAINT conflict_declarations_assessor_company_challenge_key DO NOTHING
       RETURNING id`,
      [
        declaration.assessorUserId,
        declaration.startupOrganisationId,
        declaration.challengeId,
        declaration.applicationId,
        declaration.reason,
        actor.userId,
        this.clock.now(),
      ],
    );
    const created = inserted.length > 0;
    const stored = await manager.findOneOrFail(ConflictDeclaration, {
      where: {
        assessorUserId: declaration.assessorUserId,
        startupOrganisationId: declaration.startupOrganisationId,
        challengeId: declaration.challengeId,
      },
    });

    const flipped = await returning<{ id: string; from_status: string; programme_id: string }>(
      manager,
      `WITH target AS (
         SELECT a.id, a.status
           FROM assessments a
           JOIN applications ap ON ap.id = a.application_id
           JOIN challenges c ON c.id = a.challenge_id
           JOIN rounds r ON r.id = c.round_id
          WHERE a.assessor_user_id = $1
            AND ap.startup_organisation_id = $2
            AND a.status <> 'conflicted'
            -- This challenge's; elsewhere only where both sides show the company (see above).
            AND (a.challenge_id = $4
                 OR (NOT r.blind_review
                     AND NOT (SELECT dr.blind_review FROM challenges dc
                                JOIN rounds dr ON dr.id = dc.round_id WHERE dc.id = $4)))
            FOR UPDATE OF a)
       UPDATE assessments s
          SET status = 'conflicted', conflict_reason = $3, submitted_at = NULL,
              version = s.version + 1, updated_at = now()
         FROM target
        WHERE s.id = target.id
       RETURNING s.id, target.status AS from_status, s.programme_id`,
      [
        declaration.assessorUserId,
        declaration.startupOrganisationId,
        declaration.reason,
        declaration.challengeId,
      ],
    );

    const events: AuditInput[] = flipped.map((a) => ({
      actor,
      action: 'assessment.conflicted',
      programmeId: a.programme_id,
      entityType: 'assessment',
      entityId: a.id,
      from: a.from_status,
      to: 'conflicted',
      reason: declaration.reason,
      data: { conflictDeclarationId: stored.id },
    }));
    if (created) {
      events.unshift({
        actor,
        action: 'conflict.declared',
        programmeId: declaration.programmeId,
        entityType: 'conflict_declaration',
        entityId: stored.id,
        reason: declaration.reason,
        data: {
          assessorUserId: declaration.assessorUserId,
          startupOrganisationId: declaration.startupOrganisationId,
          challengeId: declaration.challengeId,
          applicationId: declaration.applicationId,
        },
      });
    }
    await this.audit.recordMany(manager, events);
    return {
      declaration: stored,
      created,
      conflictedAssessmentIds: flipped.map((a) => a.id).sort(),
    };
  }

  private async assertOnPanel(
    manager: EntityManager,
    challengeId: string,
    userId: string,
  ): Promise<void> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM challenge_assessors WHERE challenge_id = $1 AND user_id = $2`,
      [challengeId, userId],
    );
    if (!rows.length) {
      throw new ConflictNotOnPanelError();
    }
  }

  private async companyOf(
    manager: EntityManager,
    challenge: ChallengeContext,
    dto: DeclareConflictDto,
  ): Promise<string> {
    if (dto.applicationId) {
      const rows: { startup_organisation_id: string }[] = await manager.query(
        `SELECT startup_organisation_id FROM applications
          WHERE id = $1 AND challenge_id = $2 AND status <> 'draft'`,
        [dto.applicationId, challenge.id],
      );
      if (!rows[0]) throw new NotFoundError('Application', dto.applicationId);
      return rows[0].startup_organisation_id;
    }
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM organisations WHERE id = $1 AND kind = 'startup'`,
      [dto.startupOrganisationId],
    );
    if (!rows.length) {
      throw new ConflictNotACompanyError();
    }
    return dto.startupOrganisationId as string;
  }
}

function toView(
  d: ConflictDeclaration,
  seesIdentity: boolean,
  extra: { conflictedAssessmentIds?: string[] } = {},
): ConflictView {
  return {
    id: d.id,
    assessorUserId: d.assessorUserId,
    ...(seesIdentity ? { startupOrganisationId: d.startupOrganisationId } : {}),
    challengeId: d.challengeId,
    applicationId: d.applicationId,
    reason: d.reason,
    declaredByUserId: d.declaredByUserId,
    createdAt: d.createdAt.toISOString(),
    ...extra,
  };
}
