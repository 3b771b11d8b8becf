import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NotFoundError } from '@catalyst/common';
import {
  AttachCheck,
  AttachGrant,
  AttachesDocuments,
  type DocumentAttachmentType,
} from '@catalyst/documents';
import { Actor, assertAllowed } from '@catalyst/identity';
import { MilestoneNotOpenError } from '../accelerator.errors';
import { AcceleratorPolicy } from '../accelerator.policy';
import { TeamContextLoader } from '../teams/team-context.loader';
import { Milestone } from './milestone.entity';
import type { MilestoneStatus } from './milestone.state-machine';

/** While the team works on it; a submitted milestone is the sponsor's to judge as it stands. */
export const MILESTONE_OPEN_FOR_DOCUMENTS: readonly MilestoneStatus[] = [
  'planned',
  'in_progress',
  'changes_requested',
];

/**
 * Evidence documents of a milestone (`attachToType: milestone`), named later in its submission's
 * `documentIds`. The team attaches them while it works on the milestone, or a manager of the
 * round's programme for it (audited `onBehalfOf: 'team'`), as either makes the team's moves;
 * whoever may see the team (its sponsor, its programme's managers) may see them.
 */
@Injectable()
@AttachesDocuments('milestone')
export class MilestoneDocumentsAttachment implements DocumentAttachmentType {
  constructor(
    private readonly teams: TeamContextLoader,
    private readonly policy: AcceleratorPolicy,
  ) {}

  async assertCanAttach(
    actor: Actor,
    id: string,
    { manager, lock }: AttachCheck,
  ): Promise<AttachGrant> {
    // Locked, the milestone's status holds until the upload commits: a submission waits.
    const milestone = await manager.findOne(Milestone, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    const team = milestone && (await this.teams.find(manager, milestone.teamId));
    if (!milestone || !team || !this.policy.canSeeTeam(actor, team)) {
      throw new NotFoundError('Milestone', id);
    }
    assertAllowed(
      this.policy.canWorkForTeam(actor, team),
      'Documents are attached to a milestone by the team (or a programme manager for it).',
    );
    if (!MILESTONE_OPEN_FOR_DOCUMENTS.includes(milestone.status)) {
      throw new MilestoneNotOpenError(milestone.status);
    }
    return {
      programmeId: team.programmeId,
      ...(this.policy.actsForTeam(actor, team) ? { onBehalfOf: 'team' } : {}),
    };
  }

  async canView(actor: Actor, id: string, manager: EntityManager): Promise<boolean> {
    const milestone = await manager.findOne(Milestone, {
      where: { id },
      select: { id: true, teamId: true },
    });
    const team = milestone && (await this.teams.find(manager, milestone.teamId));
    return !!team && this.policy.canSeeTeam(actor, team);
  }
}
