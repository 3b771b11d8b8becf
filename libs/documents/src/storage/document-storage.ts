import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';

/**
 * Where documents' bytes live. The default keeps them in PostgreSQL (`document_chunks`), so
 * every API replica sees every document and a database backup includes them; an S3-compatible
 * store can implement the same three operations later.
 *
 * The upload runs in one database transaction. A transactional store (PostgreSQL) writes
 * through `manager`, so a refused or aborted upload rolls back with it and leaves nothing. A
 * store outside the database writes at once; the upload service then deletes the key when the
 * transaction does not commit, and the store itself removes a write that fails half-way.
 */
export interface DocumentStorage {
  /**
   * Stores `content` (consumed as it arrives, never held whole) for the document `documentId`
   * and returns the key to read it back by. Errors of `content` (too large, wrong type, client
   * gone) propagate unchanged.
   */
  write(
    manager: EntityManager,
    documentId: string,
    content: AsyncIterable<Buffer>,
  ): Promise<string>;

  /** The content stored under `key`, as a stream read on demand. */
  read(key: string): Readable;

  /** Removes the content under `key` (nothing when there is none). */
  delete(manager: EntityManager, key: string): Promise<void>;
}

/** The injection token of the configured DocumentStorage. */
export const DOCUMENT_STORAGE = Symbol('DOCUMENT_STORAGE');
