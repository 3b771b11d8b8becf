import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '@catalyst/identity';
import type { AttachGrant, AttachmentTarget } from '../attachments/document-attachment-type';
import { DocumentAttachmentRegistry } from '../attachments/document-attachment.registry';

/**
 * Who may see and do what with documents. A document has no rules of its own: it follows the
 * thing it is attached to, whose library answers through its DocumentAttachmentType.
 *
 * - see (download, read, list): whoever may see the thing;
 * - attach (upload) and remove: whoever the thing's type lets attach now (404 when they may
 *   not see the thing, 403 or the thing's own 409/422 otherwise).
 */
@Injectable()
export class DocumentPolicy {
  constructor(private readonly registry: DocumentAttachmentRegistry) {}

  /** Whether the caller may see `target` and so its documents (false for an unknown type). */
  async canView(actor: Actor, target: AttachmentTarget, manager: EntityManager): Promise<boolean> {
    const type = this.registry.find(target.type);
    return type ? type.canView(actor, target.id, manager) : false;
  }

  /** Throws the thing's own 404/403/409/422 unless the caller may attach to it now. */
  assertCanAttach(
    actor: Actor,
    target: AttachmentTarget,
    manager: EntityManager,
    lock: boolean,
    field = 'attachToType',
  ): Promise<AttachGrant> {
    return this.registry
      .get(target.type, field)
      .assertCanAttach(actor, target.id, { manager, lock });
  }
}
