import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock, NotFoundError } from '@catalyst/common';
import {
  AttachCheck,
  AttachGrant,
  AttachesDocuments,
  type DocumentAttachmentType,
} from '@catalyst/documents';
import { Actor, assertAllowed, assertVisible } from '@catalyst/identity';
import { assertCallOpen } from './application.deadline';
import { ApplicationNotDraftError } from './application.errors';
import { loadApplication } from './application.loader';
import { ApplicationPolicy } from './application.policy';

/**
 * Supporting documents of an application (`attachToType: application`): its company attaches
 * them to its draft while the call is open, as it edits the answers; whoever may see the
 * application (ApplicationPolicy.canView) may see them.
 */
@Injectable()
@AttachesDocuments('application')
export class ApplicationDocumentsAttachment implements DocumentAttachmentType {
  constructor(
    private readonly policy: ApplicationPolicy,
    private readonly clock: Clock,
  ) {}

  async assertCanAttach(
    actor: Actor,
    id: string,
    { manager, lock }: AttachCheck,
  ): Promise<AttachGrant> {
    const { application, facts } = await loadApplication(manager, id, { lock });
    assertVisible(this.policy.canView(actor, facts), 'Application', id);
    assertAllowed(
      this.policy.canAttachDocuments(actor, facts),
      'Only members of the applying company can attach documents to its application.',
    );
    if (application.status !== 'draft') throw new ApplicationNotDraftError(application.status);
    assertCallOpen(application.challenge.round, this.clock.now(), 'change this application');
    return { programmeId: facts.programmeId };
  }

  async canView(actor: Actor, id: string, manager: EntityManager): Promise<boolean> {
    try {
      const { facts } = await loadApplication(manager, id);
      return this.policy.canView(actor, facts);
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
  }
}
