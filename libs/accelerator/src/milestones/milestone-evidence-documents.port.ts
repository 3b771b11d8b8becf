import type { EntityManager } from 'typeorm';
import type { Actor } from '@catalyst/identity';
import { MilestoneEvidenceDocumentError } from '../accelerator.errors';

/** What a document is attached to, as libs/documents names it. */
export interface EvidenceTarget {
  type: 'milestone';
  id: string;
}

/**
 * The accelerator's port onto documents: are these documents attached to this milestone (and
 * visible to the caller)? Throws a 422 naming the ones that are not. Called inside the
 * submission's transaction with its EntityManager.
 */
export interface MilestoneEvidenceDocuments {
  assertAttached(
    manager: EntityManager,
    actor: Actor,
    ids: readonly string[],
    target: EvidenceTarget,
  ): Promise<void>;
}

export const MILESTONE_EVIDENCE_DOCUMENTS = Symbol('MILESTONE_EVIDENCE_DOCUMENTS');

/**
 * The binding until documents exist on this instance: no document is attached to anything,
 * so any id is refused (evidence links still work). The composing app binds the token to
 * libs/documents' adapter instead.
 */
export class NoEvidenceDocuments implements MilestoneEvidenceDocuments {
  assertAttached(
    _manager: EntityManager,
    _actor: Actor,
    ids: readonly string[],
    _target: EvidenceTarget,
  ): Promise<void> {
    return ids.length ? Promise.reject(new MilestoneEvidenceDocumentError(ids)) : Promise.resolve();
  }
}
