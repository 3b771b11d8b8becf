import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock, NotFoundError } from '@catalyst/common';
import {
  AttachCheck,
  AttachGrant,
  AttachesDocuments,
  type DocumentAttachmentType,
} from '@catalyst/documents';
import type { Actor } from '@catalyst/identity';
import { AcceleratorPolicy } from '../accelerator.policy';
import { TeamContextLoader } from '../teams/team-context.loader';
import { ProgressUpdate } from './progress-update.entity';
import { assertEditableBy } from './progress-update.rules';

/**
 * Documents of a progress update (`attachToType: progress_update`), named then in its
 * `documentIds`. Its author attaches them while the update is editable (24 hours), as they
 * correct it; whoever may see the team may see them.
 */
@Injectable()
@AttachesDocuments('progress_update')
export class ProgressUpdateDocumentsAttachment implements DocumentAttachmentType {
  constructor(
    private readonly teams: TeamContextLoader,
    private readonly policy: AcceleratorPolicy,
    private readonly clock: Clock,
  ) {}

  async assertCanAttach(
    actor: Actor,
    id: string,
    { manager, lock }: AttachCheck,
  ): Promise<AttachGrant> {
    const update = await manager.findOne(ProgressUpdate, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    const team = update && (await this.teams.find(manager, update.teamId));
    if (!update || !team || !this.policy.canSeeTeam(actor, team)) {
      throw new NotFoundError('Progress update', id);
    }
    assertEditableBy(update, actor.userId, this.clock.now());
    return { programmeId: team.programmeId };
  }

  async canView(actor: Actor, id: string, manager: EntityManager): Promise<boolean> {
    const update = await manager.findOne(ProgressUpdate, {
      where: { id },
      select: { id: true, teamId: true },
    });
    const team = update && (await this.teams.find(manager, update.teamId));
    return !!team && this.policy.canSeeTeam(actor, team);
  }
}
