import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import {
  Clock,
  TransitionDefinition,
  TransitionRequest,
  allowedTransitions,
  runTransition,
} from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import { MilestonePlanEmptyError } from '../accelerator.errors';
import { AcceleratorPolicy } from '../accelerator.policy';
import { Milestone } from '../milestones/milestone.entity';
import { TeamContext, TeamContextLoader } from '../teams/team-context.loader';
import { MilestonePlan } from './milestone-plan.entity';
import { lockPlan } from './milestone-plan.rows';
import {
  AcceleratorActor,
  MILESTONE_PLAN_STATE_MACHINE,
  MilestonePlanStatus,
  PLAN_SIDE,
} from './milestone-plan.state-machine';
import { MilestonePlanView, toMilestonePlanView } from './milestone-plan.view';

type LockedPlan = { plan: MilestonePlan; team: TeamContext; milestones: number };

/** `POST /teams/{id}/plan/transitions`: the team proposes, the sponsor agrees. */
@Injectable()
export class MilestonePlanTransitionsService {
  private readonly definition: TransitionDefinition<
    LockedPlan,
    MilestonePlanStatus,
    AcceleratorActor,
    Actor
  >;

  constructor(
    private readonly dataSource: DataSource,
    private readonly teams: TeamContextLoader,
    private readonly policy: AcceleratorPolicy,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {
    this.definition = {
      machine: MILESTONE_PLAN_STATE_MACHINE,
      label: 'Team',
      load: async (manager, teamId) => {
        const team = await this.teams.find(manager, teamId);
        if (!team) return null;
        const plan = await lockPlan(manager, teamId);
        const milestones = await manager.count(Milestone, { where: { teamId } });
        return { plan, team, milestones };
      },
      visible: (actor, { team }) => this.policy.canSeeTeam(actor, team),
      actors: (actor, { team }) => this.policy.actorsFor(actor, team),
      programmeOf: ({ team }) => team.programmeId,
      status: ({ plan }) => plan.status,
      version: ({ plan }) => plan.version,
      guard: ({ entity, to }) => {
        if (to === 'proposed' && entity.milestones === 0) throw new MilestonePlanEmptyError();
      },
      apply: async ({ manager, actor, entity, to, auditData }) => {
        const { plan } = entity;
        plan.status = to;
        plan.agreedAt = to === 'agreed' ? this.clock.now() : plan.agreedAt;
        plan.agreedByUserId = to === 'agreed' ? actor.userId : plan.agreedByUserId;
        await manager.save(MilestonePlan, plan);
        auditData.milestones = entity.milestones;
        const side = PLAN_SIDE[to];
        const actors = this.policy.actorsFor(actor, entity.team);
        if (side && !actors.includes(side)) auditData.onBehalfOf = side;
      },
      audit: (manager, event) => this.audit.record(manager, event),
    };
  }

  async transition(
    actor: Actor,
    teamId: string,
    request: TransitionRequest<MilestonePlanStatus>,
    expectedVersion: number | undefined,
  ): Promise<MilestonePlanView> {
    const { entity } = await this.dataSource.transaction((manager) =>
      runTransition(this.definition, manager, actor, teamId, request, expectedVersion),
    );
    const plan = await this.dataSource.manager.findOneByOrFail(MilestonePlan, { teamId });
    return this.view(actor, entity.team, plan);
  }

  view(actor: Actor, team: TeamContext, plan: MilestonePlan | null): MilestonePlanView {
    return toMilestonePlanView(
      team.id,
      plan,
      allowedTransitions(
        MILESTONE_PLAN_STATE_MACHINE,
        plan?.status ?? 'draft',
        this.policy.actorsFor(actor, team),
      ),
    );
  }
}
