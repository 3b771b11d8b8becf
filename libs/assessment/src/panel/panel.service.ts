import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AuditInput, AuditService } from '@catalyst/audit';
import { Clock, NotFoundError, Page, PageQueryDto, mapPage, paginate } from '@catalyst/common';
import { Actor, AssessorDirectory } from '@catalyst/identity';
import { AssessmentPolicy } from '../policy/assessment.policy';
import { competitorSql } from '../shared/assessor-conflicts';
import { ChallengeContextLoader } from '../shared/challenge-context';
import { ChallengeAssessor } from './challenge-assessor.entity';
import { DEFAULT_STAGE_KEY } from '../stages/stage.constants';
import { PanelMemberView, PanelRemovalView } from './panel.dto';
import {
  AlreadyOnPanelError,
  AssessorHasSubmittedError,
  NotAnAssessorError,
  PanelCompetitorError,
} from './panel.errors';

/** A challenge's panel: who may be assigned its applications. */
@Injectable()
export class PanelService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(ChallengeAssessor) private readonly panel: Repository<ChallengeAssessor>,
    private readonly challenges: ChallengeContextLoader,
    private readonly policy: AssessmentPolicy,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly assessors: AssessorDirectory,
  ) {}

  async add(
    actor: Actor,
    challengeId: string,
    userId: string,
    stageKey: string = DEFAULT_STAGE_KEY,
  ): Promise<PanelMemberView> {
    return this.dataSource.transaction(async (manager) => {
      const challenge = await this.challenges.load(challengeId, actor.userId, manager, stageKey);
      this.policy.assertCanManagePanel(actor, challenge);
      const user = await this.assessors.activeAssessor(manager, userId);
      if (!user) {
        throw new NotAnAssessorError();
      }
      const competing: unknown[] = await manager.query(
        `SELECT 1 WHERE ${competitorSql('$1::uuid', '$2::uuid')}`,
        [userId, challenge.id],
      );
      if (competing.length) {
        throw new PanelCompetitorError();
      }
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO challenge_assessors (challenge_id, user_id, added_by_user_id, created_at,
                                          stage_key)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ON CONSTRAINT challenge_assessors_stage_user_key DO NOTHING
         RETURNING id`,
        [challenge.id, userId, actor.userId, this.clock.now(), stageKey],
      );
      if (!inserted.length) throw new AlreadyOnPanelError();
      await this.audit.record(manager, {
        actor,
        action: 'challenge.assessor_added',
        programmeId: challenge.programmeId,
        entityType: 'challenge',
        entityId: challenge.id,
        data: stageKey === DEFAULT_STAGE_KEY ? { userId } : { userId, stage: stageKey },
      });
      const member = await manager.findOneOrFail(ChallengeAssessor, {
        where: { id: inserted[0].id },
        relations: { user: true },
      });
      return toView(member);
    });
  }

  async list(
    actor: Actor,
    challengeId: string,
    page: PageQueryDto,
    stageKey: string = DEFAULT_STAGE_KEY,
  ): Promise<Page<PanelMemberView>> {
    const challenge = await this.challenges.load(challengeId, actor.userId, undefined, stageKey);
    this.policy.assertCanOverseeReview(actor, challenge);
    const qb = this.panel
      .createQueryBuilder('p')
      .innerJoinAndSelect('p.user', 'u')
      .where('p.challengeId = :challengeId AND p.stageKey = :stageKey', { challengeId, stageKey });
    const result = await paginate(qb, {
      alias: 'p',
      sortBy: 'createdAt',
      direction: 'ASC',
      limit: page.limit,
      cursor: page.cursor,
    });
    return mapPage(result, toView);
  }

  /**
   * Takes a member off the panel, with their open assessments. Refused once they have
   * submitted one here: those scores are part of the record (reopen or conflict them instead).
   */
  async remove(
    actor: Actor,
    challengeId: string,
    userId: string,
    stageKey: string = DEFAULT_STAGE_KEY,
  ): Promise<PanelRemovalView> {
    return this.dataSource.transaction(async (manager) => {
      const challenge = await this.challenges.load(challengeId, actor.userId, manager, stageKey);
      this.policy.assertCanManagePanel(actor, challenge);
      const seat: { id: string }[] = await manager.query(
        `SELECT id FROM challenge_assessors
          WHERE challenge_id = $1 AND user_id = $2 AND stage_key = $3 FOR UPDATE`,
        [challengeId, userId, stageKey],
      );
      if (!seat.length) throw new NotFoundError('Panel member', userId);
      const work: { id: string; status: string }[] = await manager.query(
        `SELECT id, status FROM assessments
          WHERE challenge_id = $1 AND assessor_user_id = $2 AND stage_key = $3 FOR UPDATE`,
        [challengeId, userId, stageKey],
      );
      const submitted = work.filter((a) => a.status === 'submitted').length;
      if (submitted) {
        throw new AssessorHasSubmittedError(submitted);
      }
      const open = work.filter((a) => a.status === 'assigned').map((a) => a.id);
      if (open.length) {
        await manager.query(`DELETE FROM assessments WHERE id = ANY($1::uuid[])`, [open]);
      }
      await manager.query(`DELETE FROM challenge_assessors WHERE id = $1`, [seat[0].id]);
      const events: AuditInput[] = open.map((id) => ({
        actor,
        action: 'assessment.unassigned',
        programmeId: challenge.programmeId,
        entityType: 'assessment',
        entityId: id,
        from: 'assigned',
        data: { challengeId, assessorUserId: userId, why: 'removed from the panel' },
      }));
      events.push({
        actor,
        action: 'challenge.assessor_removed',
        programmeId: challenge.programmeId,
        entityType: 'challenge',
        entityId: challengeId,
        data:
          stageKey === DEFAULT_STAGE_KEY
            ? { userId, removedAssessmentIds: open }
            : { userId, removedAssessmentIds: open, stage: stageKey },
      });
      await this.audit.recordMany(manager, events);
      return { userId, removedAssessmentIds: open.sort() };
    });
  }
}

function toView(member: ChallengeAssessor): PanelMemberView {
  return {
    userId: member.userId,
    name: member.user?.name ?? '',
    email: member.user?.email ?? '',
    challengeId: member.challengeId,
    stage: member.stageKey,
    addedByUserId: member.addedByUserId,
    addedAt: member.createdAt.toISOString(),
  };
}
