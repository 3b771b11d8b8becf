import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { ForbiddenError, NotFoundError, assertVersion } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import {
  MilestoneAlreadyPaidError,
  MilestoneNotPayableError,
  MilestonePaidInFutureError,
} from '../accelerator.errors';
import { AcceleratorPolicy } from '../accelerator.policy';
import { TeamContextLoader } from '../teams/team-context.loader';
import { Milestone } from './milestone.entity';
import { paymentOf, paymentStatusOf } from './milestone.rules';
import type { MilestoneView } from './milestone.view';
import { MilestonesService } from './milestones.service';
import type { RecordPaymentDto } from './record-payment.dto';

/**
 * Recording that an accepted milestone's payment was made: a programme manager's act, once
 * only, audited as `milestone.paid` (the event the contracts context will turn into a payment
 * on the team's accelerator contract).
 */
@Injectable()
export class MilestonePaymentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly teams: TeamContextLoader,
    private readonly milestones: MilestonesService,
    private readonly policy: AcceleratorPolicy,
    private readonly audit: AuditService,
  ) {}

  async recordPaid(
    actor: Actor,
    id: string,
    body: RecordPaymentDto,
    expectedVersion: number | undefined,
  ): Promise<MilestoneView> {
    await this.dataSource.transaction((manager) =>
      this.recordPaidIn(manager, actor, id, body, expectedVersion),
    );
    return this.milestones.get(actor, id);
  }

  /**
   * The same inside the caller's transaction: the contracts context records a contract
   * payment for a milestone and the milestone's paid record in one step (its `milestone.paid`
   * event then finds the contract payment already there).
   */
  async recordPaidIn(
    manager: EntityManager,
    actor: Actor,
    id: string,
    body: RecordPaymentDto,
    expectedVersion?: number,
  ): Promise<void> {
    const ref = await manager.findOne(Milestone, { where: { id }, select: { teamId: true } });
    const team = ref && (await this.teams.find(manager, ref.teamId));
    if (!team || !this.policy.canSeeTeam(actor, team)) throw new NotFoundError('Milestone', id);
    if (!this.policy.canManageRound(actor, team.round)) {
      throw new ForbiddenError('Only a programme manager records a milestone payment.');
    }
    const milestone = await manager.findOneOrFail(Milestone, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    assertVersion('milestone', expectedVersion, milestone.version);
    const status = paymentStatusOf(milestone);
    if (status === 'paid') throw new MilestoneAlreadyPaidError(milestone.paidOn as string);
    const amount = paymentOf(milestone);
    if (status !== 'payable' || !amount) throw new MilestoneNotPayableError(status);
    const today = this.teams.today(team);
    if (body.paidOn > today) throw new MilestonePaidInFutureError(today);
    const reference = body.reference.trim();
    await manager.save(Milestone, {
      ...milestone,
      paidOn: body.paidOn,
      paymentReference: reference,
      paidByUserId: actor.userId,
    });
    await this.audit.record(manager, {
      actor,
      action: 'milestone.paid',
      programmeId: team.programmeId,
      entityType: 'milestone',
      entityId: id,
      data: {
        teamId: team.id,
        roundId: team.roundId,
        startupOrganisationId: team.startupOrganisationId,
        sponsorOrganisationId: team.sponsorOrganisationId,
        amount,
        paidOn: body.paidOn,
        reference,
      },
    });
  }
}
