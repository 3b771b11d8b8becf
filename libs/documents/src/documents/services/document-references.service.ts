import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { Actor } from '@catalyst/identity';
import type { AttachmentTarget } from '../../attachments/document-attachment-type';
import { Document } from '../document.entity';
import { DocumentReferenceError } from '../document.errors';
import { DocumentPolicy } from '../document.policy';
import {
  DocumentResponse,
  DocumentSummary,
  toDocumentResponse,
  toDocumentSummary,
} from '../dto/document.view';

/** Documents by id, as `describe` finds them. */
export type DescribedDocuments = ReadonlyMap<string, DocumentResponse>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * For other contexts whose changes reference documents by id (a milestone submission's
 * `documentIds`, a contract amendment): checks, inside the change's transaction, that each
 * document exists, is attached to the given thing and is visible to the caller.
 */
@Injectable()
export class DocumentReferencesService {
  constructor(private readonly policy: DocumentPolicy) {}

  /**
   * The referenced documents, in the order given (duplicates once), locked `FOR SHARE` until
   * the transaction ends so none is deleted under the change; 422 `document.invalid_reference`
   * listing the ids that are not attached to `target` or not visible.
   */
  async attached(
    manager: EntityManager,
    actor: Actor,
    documentIds: readonly string[],
    target: AttachmentTarget,
  ): Promise<DocumentResponse[]> {
    const ids = [...new Set(documentIds)];
    if (ids.length === 0) return [];
    const visible = await this.policy.canView(actor, target, manager);
    const wellFormed = ids.filter((id) => UUID.test(id));
    const rows =
      visible && wellFormed.length && UUID.test(target.id)
        ? await manager.find(Document, {
            where: { id: In(wellFormed), attachedToType: target.type, attachedToId: target.id },
            lock: { mode: 'pessimistic_read' },
          })
        : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    const bad = ids.filter((id) => !byId.has(id));
    if (bad.length) throw new DocumentReferenceError(bad, target);
    return ids.map((id) => toDocumentResponse(byId.get(id)!));
  }

  /**
   * The documents that views of things reference (the evidence of a page of milestones), in
   * one query whatever their number. No visibility check: call it for things the caller has
   * been found to see, and pick each thing's own with `documentsOf`.
   */
  async describe(
    manager: EntityManager,
    documentIds: readonly string[],
  ): Promise<DescribedDocuments> {
    const ids = [...new Set(documentIds)].filter((id) => UUID.test(id));
    const rows = ids.length ? await manager.find(Document, { where: { id: In(ids) } }) : [];
    return new Map(rows.map((row) => [row.id, toDocumentResponse(row)]));
  }
}

/**
 * The documents `documentIds` names that are attached to `target`, in that order: one that
 * was removed since, or belongs to another thing, is left out.
 */
export function documentsOf(
  described: DescribedDocuments,
  target: AttachmentTarget,
  documentIds: readonly string[],
): DocumentSummary[] {
  return documentIds.flatMap((id) => {
    const document = described.get(id);
    return document &&
      document.attachedTo.type === target.type &&
      document.attachedTo.id === target.id
      ? [toDocumentSummary(document)]
      : [];
  });
}
