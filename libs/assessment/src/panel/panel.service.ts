import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AuditInput, AuditService } from '@catalyst/audit';
import {
  BusinessRuleError,
  Clock,
  ConflictError,
  NotFoundError,
  Page,
  PageQueryDto,
  mapPage,
  paginate,
} from '@catalyst/common';
import { Actor } from '@catalyst/identity';
import { AssessmentPolicy } from '../policy/assessment.policy';
import { ChallengeContextLoader } from '../shared/challenge-context';
import { ChallengeAssessor } from './challenge-assessor.entity';
import { PanelMemberView, PanelRemovalView } from './panel.dto';

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
  ) {}

  async add(actor: Actor, challengeId: string, userId: string): Promise<PanelMemberView> {
    return this.dataSource.transaction(async (manager) => {
      const challenge = await this.challenges.load(challengeId, actor.userId, manager);
      this.policy.assertCanManagePanel(actor, challenge);
      const users: { id: string; name: string; email: string }[] = await manager.query(
        `SELECT u.id, u.name, u.email FROM users u
          WHERE u.id = $1 AND u.disabled_at IS NULL
            AND EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.role = 'assessor')`,
        [userId],
      );
      const user = users[0];
      if (!user) {
        throw new BusinessRuleError(
          'panel.not_an_assessor',
          'Panel members must be active users holding the assessor role in some organisation.',
        );
      }
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO challenge_assessors (challenge_id, user_id, added_by_user_id, created_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT ON CONSTRAINT challenge_assessors_challenge_user_key DO NOTHING
         RETURNING id`,
        [challenge.id, userId, actor.userId, this.clock.now()],
      );
      if (!inserted.length)
        throw new ConflictError('panel.already_member', 'This user is already on the panel.');
      await this.audit.record(manager, {
        actor,
        action: 'challenge.assessor_added',
        entityType: 'challenge',
        entityId: challenge.id,
        data: { userId },
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
  ): Promise<Page<PanelMemberView>> {
    const challenge = await this.challenges.load(challengeId, actor.userId);
    this.policy.assertCanOverseeReview(actor, challenge);
    const qb = this.panel
      .createQueryBuilder('p')
      .innerJoinAndSelect('p.user', 'u')
      .where('p.challengeId = :challengeId', { challengeId });
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
  async remove(actor: Actor, challengeId: string, userId: string): Promise<PanelRemovalView> {
    return this.dataSource.transaction(async (manager) => {
      const challenge = await this.challenges.load(challengeId, actor.userId, manager);
      this.policy.assertCanManagePanel(actor, challenge);
      const seat: { id: string }[] = await manager.query(
        `SELECT id FROM challenge_assessors WHERE challenge_id = $1 AND user_id = $2 FOR UPDATE`,
        [challengeId, userId],
      );
      if (!seat.length) throw new NotFoundError('Panel member', userId);
      const work: { id: string; status: string }[] = await manager.query(
        `SELECT id, status FROM assessments
          WHERE challenge_id = $1 AND assessor_user_id = $2 FOR UPDATE`,
        [challengeId, userId],
      );
      const submitted = work.filter((a) => a.status === 'submitted').length;
      if (submitted) {
        throw new ConflictError(
          'panel.assessor_has_submitted',
          `This assessor has submitted ${submitted} assessment${submitted === 1 ? '' : 's'} ` +
            'for this challenge and stays on the panel.',
        );
      }
      const open = work.filter((a) => a.status === 'assigned').map((a) => a.id);
      if (open.length) {
        await manager.query(`DELETE FROM assessments WHERE id = ANY($1::uuid[])`, [open]);
      }
      await manager.query(`DELETE FROM challenge_assessors WHERE id = $1`, [seat[0].id]);
      const events: AuditInput[] = open.map((id) => ({
        actor,
        action: 'assessment.unassigned',
        entityType: 'assessment',
        entityId: id,
        from: 'assigned',
        data: { challengeId, assessorUserId: userId, why: 'removed from the panel' },
      }));
      events.push({
        actor,
        action: 'challenge.assessor_removed',
        entityType: 'challenge',
        entityId: challengeId,
        data: { userId, removedAssessmentIds: open },
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
    addedByUserId: member.addedByUserId,
    addedAt: member.createdAt.toISOString(),
  };
}
