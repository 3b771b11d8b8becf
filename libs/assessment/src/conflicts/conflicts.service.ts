import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditInput } from '@catalyst/audit';
import {
  BusinessRuleError,
  Clock,
  ConflictError,
  NotFoundError,
  Page,
  PageQueryDto,
  ValidationFailedError,
  mapPage,
  paginate,
} from '@catalyst/common';
import { Actor } from '@catalyst/identity';
import { AssessmentPolicy } from '../policy/assessment.policy';
import { recordAuditEvents } from '../shared/audit-batch';
import { lockAssessors } from '../shared/assessor-conflicts';
import { returning } from '../shared/returning';
import { ChallengeContext, ChallengeContextLoader } from '../shared/challenge-context';
import { ConflictDeclaration } from './conflict-declaration.entity';
import { ConflictView, DeclareConflictDto } from './conflict.dto';

export interface Declaration {
  assessorUserId: string;
  startupOrganisationId: string;
  challengeId: string;
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
 * Conflicts of interest. A declaration is between an assessor and a company and holds in every
 * challenge: assignment skips the pair, and the assessor's open or submitted assessments of
 * that company's applications become `conflicted` (each audited).
 */
@Injectable()
export class ConflictsService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(ConflictDeclaration)
    private readonly declarations: Repository<ConflictDeclaration>,
    private readonly challenges: ChallengeContextLoader,
    private readonly policy: AssessmentPolicy,
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
      const startupOrganisationId = await this.companyOf(manager, challenge, dto);
      const result = await this.declare(manager, actor, {
        assessorUserId,
        startupOrganisationId,
        challengeId: challenge.id,
        applicationId: dto.applicationId ?? null,
        reason: dto.reason.trim(),
      });
      if (!result.created) {
        throw new ConflictError(
          'conflict.already_declared',
          'This conflict of interest is already on record.',
        );
      }
      return toView(result.declaration, this.policy.seesIdentity(actor, challenge), {
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
    if (!actor.isProgrammeManager) qb.andWhere('d.assessorUserId = :me', { me: actor.userId });
    const result = await paginate(qb, {
      alias: 'd',
      sortBy: 'createdAt',
      direction: 'ASC',
      limit: page.limit,
      cursor: page.cursor,
    });
    const seesIdentity = this.policy.seesIdentity(actor, challenge);
    return mapPage(result, (d) => toView(d, seesIdentity));
  }

  /**
   * Records the declaration (keeping an earlier one for the same pair) and takes the
   * assessor's assessments of that company out of every calculation. Runs in the caller's
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
       ON CONFLICT ON CONSTRAINT conflict_declarations_assessor_company_key DO NOTHING
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
      },
    });

    const flipped = await returning<{ id: string; from_status: string }>(
      manager,
      `WITH target AS (
         SELECT a.id, a.status
           FROM assessments a
           JOIN applications ap ON ap.id = a.application_id
          WHERE a.assessor_user_id = $1
            AND ap.startup_organisation_id = $2
            AND a.status <> 'conflicted'
            FOR UPDATE OF a)
       UPDATE assessments s
          SET status = 'conflicted', conflict_reason = $3, submitted_at = NULL,
              version = s.version + 1, updated_at = now()
         FROM target
        WHERE s.id = target.id
       RETURNING s.id, target.status AS from_status`,
      [declaration.assessorUserId, declaration.startupOrganisationId, declaration.reason],
    );

    const events: AuditInput[] = flipped.map((a) => ({
      actor,
      action: 'assessment.conflicted',
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
    await recordAuditEvents(manager, events);
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
      throw new BusinessRuleError(
        'conflict.not_on_panel',
        'Conflicts are declared by members of this challenge’s panel.',
      );
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
      throw new BusinessRuleError(
        'conflict.not_a_company',
        'Conflicts are declared with a company (a startup organisation).',
      );
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
