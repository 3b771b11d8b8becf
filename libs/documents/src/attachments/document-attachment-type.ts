import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '@catalyst/identity';

/** The thing a document is attached to: a registered type and the thing's id. */
export interface AttachmentTarget {
  type: string;
  id: string;
}

export interface AttachCheck {
  /** The transaction the check runs in (the upload's, or the app's manager before it opens). */
  manager: EntityManager;
  /**
   * True on the last check, inside the upload's transaction just before the document row is
   * written: lock the thing (e.g. `FOR UPDATE`) so its state cannot change before the upload
   * commits. False on the first check, made before the body is read, to refuse early.
   */
  lock: boolean;
}

/**
 * What the thing's library says about an attach it allowed, for the document's audit event
 * (`document.uploaded`, `document.deleted`).
 */
export interface AttachGrant {
  /** The programme the thing belongs to (null for an instance-level thing). */
  programmeId: string | null;
  /** The side the caller acted for, when not their own (a programme manager for the team). */
  onBehalfOf?: string;
}

/**
 * What a kind of thing (application, milestone, progress update…) says about documents
 * attached to it. The owning library implements it, with its own policy, and marks the
 * provider with `@AttachesDocuments('<type>')`; the documents library finds it at start.
 * Whoever may see the thing may see its documents.
 */
export interface DocumentAttachmentType {
  /**
   * Resolves when `actor` may attach a document to thing `id` now, with what the audit event
   * records about it. Throws NotFoundError (404) when the thing does not exist or is not
   * visible to them, a 403 when they see it but may not attach, or the thing's own 409/422
   * when its state forbids it (e.g. not a draft).
   */
  assertCanAttach(actor: Actor, id: string, check: AttachCheck): Promise<AttachGrant>;

  /** Whether `actor` may see thing `id` (false when it does not exist). */
  canView(actor: Actor, id: string, manager: EntityManager): Promise<boolean>;
}

export const ATTACHMENT_TYPE_METADATA = 'catalyst:document-attachment-type';

/** A type name: lower-case words joined by `_` (`application`, `progress_update`). */
export const ATTACHMENT_TYPE_NAME = /^[a-z][a-z_]{0,62}$/;

/** Marks a provider as the one DocumentAttachmentType of `type`. */
export const AttachesDocuments = (type: string): ClassDecorator => {
  if (!ATTACHMENT_TYPE_NAME.test(type)) {
    throw new Error(`'${type}' is not an attachment type name (lower-case words joined by _)`);
  }
  return SetMetadata(ATTACHMENT_TYPE_METADATA, type);
};

/** The grant's `onBehalfOf` as audit data: nothing when the caller acted for themselves. */
export function onBehalfOf(grant: AttachGrant): { onBehalfOf?: string } {
  return grant.onBehalfOf ? { onBehalfOf: grant.onBehalfOf } : {};
}
