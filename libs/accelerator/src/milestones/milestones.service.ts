import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, diff } from '@catalyst/audit';
import {
  NotFoundError,
  Page,
  PageQueryDto,
  allowedTransitions,
  assertVersion,
  paginate,
} from '@catalyst/common';
import { DescribedDocuments, DocumentReferencesService } from '@catalyst/documents';
import type { Actor } from '@catalyst/identity';
import {
  MilestoneCurrencyError,
  MilestoneNotEditableError,
  SprintNotInRoundError,
} from '../accelerator.errors';
import { AcceleratorPolicy } from '../accelerator.policy';
import { lockPlan, touchPlan } from '../plans/milestone-plan.rows';
import { Sprint } from '../sprints/sprint.entity';
import { TeamContext, TeamContextLoader, programmeCurrency } from '../teams/team-context.loader';
import type { CreateMilestoneDto } from './create-milestone.dto';
import { Milestone } from './milestone.entity';
import { assertPlanChange } from './milestone-plan-change.rule';
import { paymentOf } from './milestone.rules';
import { MILESTONE_STATE_MACHINE } from './milestone.state-machine';
import { MilestoneView, toMilestoneView } from './milestone.view';
import { PLAN_FIELDS, RemoveMilestoneDto, UpdateMilestoneDto } from './update-milestone.dto';

const EDITABLE = ['title', 'description', 'acceptanceCriteria', 'dueOn', 'sprintId'] as const;

/** A team's milestones: the plan's content, its change rule, and the views with `overdue`. */
@Injectable()
export class MilestonesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly teams: TeamContextLoader,
    private readonly policy: AcceleratorPolicy,
    private readonly audit: AuditService,
    private readonly documents: DocumentReferencesService,
  ) {}

  async create(actor: Actor, teamId: string, body: CreateMilestoneDto): Promise<MilestoneView> {
    const id = await this.dataSource.transaction(async (manager) => {
      const team = await this.teams.visible(actor, teamId, manager);
      const plan = await lockPlan(manager, teamId);
      const reason = body.reason?.trim() || null;
      const behalf = assertPlanChange(plan.status, this.policy.actorsFor(actor, team), reason);
      this.assertCurrency(team, body.payment?.currency);
      if (body.sprintId) await this.assertSprint(manager, team, body.sprintId);
      const { identifiers } = await manager.insert(Milestone, {
        teamId,
        title: body.title.trim(),
        description: body.description ?? null,
        acceptanceCriteria: body.acceptanceCriteria ?? null,
        dueOn: body.dueOn,
        sprintId: body.sprintId ?? null,
        paymentAmountMinor: body.payment?.amountMinor ?? null,
        paymentCurrency: body.payment?.currency ?? null,
        createdByUserId: actor.userId,
      });
      const milestoneId = (identifiers[0] as { id: string }).id;
      await touchPlan(manager, teamId);
      await this.audit.record(manager, {
        actor,
        action: 'milestone.created',
        programmeId: team.programmeId,
        entityType: 'milestone',
        entityId: milestoneId,
        reason,
        data: {
          teamId,
          title: body.title.trim(),
          dueOn: body.dueOn,
          payment: body.payment ? { ...body.payment } : null,
          planStatus: plan.status,
          ...behalf,
        },
      });
      return milestoneId;
    });
    return this.get(actor, id);
  }

  async update(
    actor: Actor,
    id: string,
    body: UpdateMilestoneDto,
    expectedVersion: number | undefined,
  ): Promise<MilestoneView> {
    await this.dataSource.transaction(async (manager) => {
      const { team, milestone, plan } = await this.lockForChange(manager, actor, id);
      assertVersion('milestone', expectedVersion, milestone.version);
      if (milestone.status === 'accepted') {
        throw new MilestoneNotEditableError(milestone.status, 'edited');
      }
      const before = { ...milestone, payment: paymentOf(milestone) };
      const after = {
        ...before,
        ...pick(body, EDITABLE),
        ...(body.payment !== undefined
          ? { payment: body.payment ? { ...body.payment } : null }
          : {}),
      };
      if (typeof after.title === 'string') after.title = after.title.trim();
      const changes = diff(before, after, [...EDITABLE, 'payment']);
      if (!Object.keys(changes).length) return;
      const reason = body.reason?.trim() || null;
      const planChange = PLAN_FIELDS.some((field) => field in changes);
      const behalf = planChange
        ? assertPlanChange(plan.status, this.policy.actorsFor(actor, team), reason)
        : {};
      if (body.payment) this.assertCurrency(team, body.payment.currency);
      if ('sprintId' in changes && after.sprintId) {
        await this.assertSprint(manager, team, after.sprintId);
      }
      await manager.save(Milestone, {
        ...milestone,
        title: after.title,
        description: after.description,
        acceptanceCriteria: after.acceptanceCriteria,
        dueOn: after.dueOn,
        sprintId: after.sprintId,
        paymentAmountMinor: after.payment?.amountMinor ?? null,
        paymentCurrency: after.payment?.currency ?? null,
      });
      if (planChange) await touchPlan(manager, team.id);
      await this.audit.record(manager, {
        actor,
        action: 'milestone.updated',
        programmeId: team.programmeId,
        entityType: 'milestone',
        entityId: id,
        reason,
        data: { teamId: team.id, planStatus: plan.status, changes, ...behalf },
      });
    });
    return this.get(actor, id);
  }

  /** Removes a planned milestone (nothing started on it); the trail keeps what it was. */
  async remove(actor: Actor, id: string, body: RemoveMilestoneDto): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const { team, milestone, plan } = await this.lockForChange(manager, actor, id);
      if (milestone.status !== 'planned') {
        throw new MilestoneNotEditableError(milestone.status, 'removed');
      }
      const reason = body.reason?.trim() || null;
      const behalf = assertPlanChange(plan.status, this.policy.actorsFor(actor, team), reason);
      await manager.delete(Milestone, { id });
      await touchPlan(manager, team.id);
      await this.audit.record(manager, {
        actor,
        action: 'milestone.removed',
        programmeId: team.programmeId,
        entityType: 'milestone',
        entityId: id,
        reason,
        data: {
          teamId: team.id,
          title: milestone.title,
          dueOn: milestone.dueOn,
          planStatus: plan.status,
          ...behalf,
        },
      });
    });
  }

  async list(actor: Actor, teamId: string, page: PageQueryDto): Promise<Page<MilestoneView>> {
    const team = await this.teams.visible(actor, teamId);
    const qb = this.dataSource
      .getRepository(Milestone)
      .createQueryBuilder('milestone')
      .where('milestone.teamId = :teamId', { teamId });
    const milestones = await paginate(qb, {
      alias: 'milestone',
      sortBy: 'dueOn',
      direction: 'ASC',
      limit: page.limit,
      cursor: page.cursor,
    });
    return {
      items: await this.views(actor, team, milestones.items),
      nextCursor: milestones.nextCursor,
    };
  }

  async get(actor: Actor, id: string): Promise<MilestoneView> {
    const milestone = await this.dataSource.manager.findOneBy(Milestone, { id });
    if (!milestone) throw new NotFoundError('Milestone', id);
    const team = await this.teams.find(this.dataSource.manager, milestone.teamId);
    if (!team || !this.policy.canSeeTeam(actor, team)) throw new NotFoundError('Milestone', id);
    const [view] = await this.views(actor, team, [milestone]);
    return view;
  }

  /** Views of a visible team's milestones with their evidence described: one query for all. */
  async views(actor: Actor, team: TeamContext, milestones: Milestone[]): Promise<MilestoneView[]> {
    const documents = await this.documents.describe(
      this.dataSource.manager,
      milestones.flatMap((m) => m.documentIds),
    );
    return milestones.map((m) => this.view(actor, team, m, documents));
  }

  /** `documents` from DocumentReferencesService.describe, holding the milestone's evidence. */
  view(
    actor: Actor,
    team: TeamContext,
    milestone: Milestone,
    documents: DescribedDocuments,
  ): MilestoneView {
    return toMilestoneView(
      milestone,
      this.teams.today(team),
      allowedTransitions(
        MILESTONE_STATE_MACHINE,
        milestone.status,
        this.policy.actorsFor(actor, team),
      ),
      documents,
    );
  }

  /** The milestone's team (404 unless visible), its plan locked, then the milestone. */
  private async lockForChange(manager: EntityManager, actor: Actor, id: string) {
    const ref = await manager.findOne(Milestone, { where: { id }, select: { teamId: true } });
    const team = ref && (await this.teams.find(manager, ref.teamId));
    if (!team || !this.policy.canSeeTeam(actor, team)) throw new NotFoundError('Milestone', id);
    const plan = await lockPlan(manager, team.id);
    const milestone = await manager.findOneOrFail(Milestone, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    return { team, plan, milestone };
  }

  private assertCurrency(team: TeamContext, currency: string | undefined): void {
    const expected = programmeCurrency(team);
    if (currency !== undefined && currency !== expected) {
      throw new MilestoneCurrencyError(expected, currency);
    }
  }

  private async assertSprint(manager: EntityManager, team: TeamContext, sprintId: string) {
    const sprint = await manager.findOne(Sprint, {
      where: { id: sprintId },
      select: { roundId: true },
    });
    if (!sprint || sprint.roundId !== team.roundId) throw new SprintNotInRoundError('sprintId');
  }
}

function pick<T extends object, K extends readonly (keyof T)[]>(source: T, keys: K) {
  const out: Partial<Pick<T, K[number]>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}
