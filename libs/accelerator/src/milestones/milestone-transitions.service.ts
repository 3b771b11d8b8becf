import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { Clock, TransitionDefinition, TransitionRequest, runTransition } from '@catalyst/common';
import { DocumentReferencesService } from '@catalyst/documents';
import type { Actor } from '@catalyst/identity';
import { MilestoneEvidenceRequiredError, MilestonePlanNotAgreedError } from '../accelerator.errors';
import { AcceleratorPolicy } from '../accelerator.policy';
import type { AcceleratorActor } from '../plans/milestone-plan.state-machine';
import { sharePlan } from '../plans/milestone-plan.rows';
import { TeamContext, TeamContextLoader } from '../teams/team-context.loader';
import { Milestone } from './milestone.entity';
import { paymentOf } from './milestone.rules';
import {
  MILESTONE_SIDE,
  MILESTONE_STATE_MACHINE,
  MilestoneStatus,
} from './milestone.state-machine';
import type { MilestoneView } from './milestone.view';
import { MilestonesService } from './milestones.service';

type LockedMilestone = { milestone: Milestone; team: TeamContext; planStatus: string };

/** What a submission carries besides `{ to, reason }`. */
export interface MilestoneEvidence {
  evidenceUrls?: string[];
  documentIds?: string[];
}

/** Work needs an agreed plan; the sponsor's answers are to submitted work, so no check. */
const NEEDS_AGREED_PLAN: readonly MilestoneStatus[] = ['in_progress', 'submitted'];

/** `POST /milestones/{id}/transitions`: the team works and submits, the sponsor signs off. */
@Injectable()
export class MilestoneTransitionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly teams: TeamContextLoader,
    private readonly milestones: MilestonesService,
    private readonly policy: AcceleratorPolicy,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly documents: DocumentReferencesService,
  ) {}

  async transition(
    actor: Actor,
    id: string,
    request: TransitionRequest<MilestoneStatus> & MilestoneEvidence,
    expectedVersion: number | undefined,
  ): Promise<MilestoneView> {
    const definition = this.definition(request);
    await this.dataSource.transaction((manager) =>
      runTransition(definition, manager, actor, id, request, expectedVersion),
    );
    return this.milestones.get(actor, id);
  }

  private definition(
    evidence: MilestoneEvidence,
  ): TransitionDefinition<LockedMilestone, MilestoneStatus, AcceleratorActor, Actor> {
    const evidenceUrls = evidence.evidenceUrls ?? [];
    const documentIds = [...new Set(evidence.documentIds ?? [])];
    return {
      machine: MILESTONE_STATE_MACHINE,
      label: 'Milestone',
      load: async (manager, id) => {
        // The plan (shared) before the milestone: the one lock order of the accelerator.
        const ref = await manager.findOne(Milestone, { where: { id }, select: { teamId: true } });
        const team = ref && (await this.teams.find(manager, ref.teamId));
        if (!team) return null;
        const planStatus = await sharePlan(manager, team.id);
        const milestone = await manager.findOne(Milestone, {
          where: { id },
          lock: { mode: 'pessimistic_write' },
        });
        return milestone && { milestone, team, planStatus };
      },
      visible: (actor, { team }) => this.policy.canSeeTeam(actor, team),
      actors: (actor, { team }) => this.policy.actorsFor(actor, team),
      programmeOf: ({ team }) => team.programmeId,
      status: ({ milestone }) => milestone.status,
      version: ({ milestone }) => milestone.version,
      guard: async ({ manager, actor, entity, to }) => {
        if (NEEDS_AGREED_PLAN.includes(to) && entity.planStatus !== 'agreed') {
          throw new MilestonePlanNotAgreedError(entity.planStatus);
        }
        if (to === 'submitted') {
          if (!evidenceUrls.length && !documentIds.length) {
            throw new MilestoneEvidenceRequiredError();
          }
          // 422 document.invalid_reference unless each is attached to this milestone and
          // visible; they stay locked FOR SHARE until the submission commits.
          await this.documents.attached(manager, actor, documentIds, {
            type: 'milestone',
            id: entity.milestone.id,
          });
        }
      },
      apply: async ({ manager, actor, entity, to, reason, auditData }) => {
        const { milestone, team } = entity;
        milestone.status = to;
        auditData.teamId = team.id;
        if (to === 'submitted') {
          milestone.evidenceUrls = evidenceUrls;
          milestone.documentIds = documentIds;
          milestone.submittedAt = this.clock.now();
          auditData.evidenceUrls = evidenceUrls;
          auditData.documentIds = documentIds;
        }
        if (to === 'accepted') {
          milestone.acceptedAt = this.clock.now();
          auditData.payment = paymentOf(milestone);
        }
        if (to === 'changes_requested') milestone.changesRequestedReason = reason;
        const side = MILESTONE_SIDE[to];
        if (!this.policy.actorsFor(actor, team).includes(side)) auditData.onBehalfOf = side;
        await manager.save(Milestone, milestone);
      },
      audit: (manager, event) => this.audit.record(manager, event),
    };
  }
}
