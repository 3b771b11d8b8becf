import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  AttachCheck,
  AttachGrant,
  AttachesDocuments,
  type DocumentAttachmentType,
} from '@catalyst/documents';
import { Actor, assertVisible } from '@catalyst/identity';
import { OutcomesService } from './outcomes.service';

/**
 * An outcome's proof (`attachToType: outcome`): a term sheet, accounts, a buyer's letter.
 * Whoever may report the company's outcomes attaches it to the reported entry; whoever sees
 * the outcome sees it.
 */
@Injectable()
@AttachesDocuments('outcome')
export class OutcomeDocumentsAttachment implements DocumentAttachmentType {
  constructor(private readonly outcomes: OutcomesService) {}

  /** Outcomes are the company's, not one programme's: their documents are instance-level. */
  async assertCanAttach(actor: Actor, id: string, { manager }: AttachCheck): Promise<AttachGrant> {
    assertVisible(!!(await this.outcomes.canSeeOutcome(actor, id, manager)), 'Outcome', id);
    return { programmeId: null };
  }

  async canView(actor: Actor, id: string, manager: EntityManager): Promise<boolean> {
    return !!(await this.outcomes.canSeeOutcome(actor, id, manager));
  }
}
