import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { NotFoundError } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import { onBehalfOf } from '../../attachments/document-attachment-type';
import { DOCUMENT_STORAGE, DocumentStorage } from '../../storage/document-storage';
import { Document } from '../document.entity';
import { DocumentPolicy } from '../document.policy';
import { DocumentQueryService } from './document-query.service';

/**
 * Removes a document while the caller could still attach one to its thing (e.g. a draft
 * application's company): the same right, so evidence that a submission rests on stays.
 */
@Injectable()
export class DeleteDocumentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly policy: DocumentPolicy,
    private readonly reading: DocumentQueryService,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  async delete(actor: Actor, id: string): Promise<void> {
    const key = await this.dataSource.transaction(async (manager) => {
      const seen = await this.reading.visible(actor, id, manager);
      const target = { type: seen.attachedToType, id: seen.attachedToId };
      // The thing first, then the document: the order of a change that references documents
      // (a milestone submission locks the milestone, then its documents FOR SHARE), so the two
      // wait for each other instead of deadlocking.
      const grant = await this.policy.assertCanAttach(actor, target, manager, true);
      const document = await manager.findOne(Document, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!document) throw new NotFoundError('Document', id);
      // PostgreSQL's chunks go with the row (ON DELETE CASCADE), in this transaction.
      await manager.delete(Document, { id });
      await this.audit.record(manager, {
        actor,
        action: 'document.deleted',
        programmeId: grant.programmeId,
        entityType: 'document',
        entityId: id,
        data: {
          name: document.name,
          size: document.size,
          sha256: document.sha256,
          attachedTo: target,
          ...onBehalfOf(grant),
        },
      });
      return document.storageKey;
    });
    // A store outside the database gives the content up only once the row is surely gone.
    await this.storage.delete(this.dataSource.manager, key);
  }
}
