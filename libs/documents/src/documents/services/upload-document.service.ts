import { HttpException, Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { APP_CONFIG, AppConfig, ConcurrencyLimit } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import { type AttachmentTarget, onBehalfOf } from '../../attachments/document-attachment-type';
import { InspectedUpload } from '../../content/inspected-upload';
import { DOCUMENT_STORAGE, DocumentStorage } from '../../storage/document-storage';
import { Document } from '../document.entity';
import { DocumentTooLargeError } from '../document.errors';
import { DocumentPolicy } from '../document.policy';
import { DocumentResponse, toDocumentResponse } from '../dto/document.view';

/**
 * Uploads in flight at once per process. Each holds a database connection (its transaction)
 * while its content streams in; the rest wait their turn, so slow uploads cannot take the
 * whole pool from the other requests.
 */
export const MAX_CONCURRENT_UPLOADS = 4;

export interface UploadInput {
  attachTo: AttachmentTarget;
  file: {
    /** The name the client gave the file (already cleaned, see documentName). */
    name: string;
    /** The content type the client declared for the file part. */
    declaredType: string;
    content: AsyncIterable<Buffer>;
  };
}

/**
 * Stores an upload attached to a thing, all in one transaction: the content's chunks, the
 * document row and its audit event commit together, or nothing is left behind (too large,
 * wrong type, refused, client gone).
 *
 * Order: may the caller attach (404/403/409, before the body is read) → the first bytes decide
 * the type (415) → the content streams into the storage, counted (413) and hashed → the
 * attach check again, locking the thing until commit → the row and `document.uploaded`.
 */
@Injectable()
export class UploadDocumentService {
  private readonly uploads = new ConcurrencyLimit(MAX_CONCURRENT_UPLOADS);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly policy: DocumentPolicy,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async upload(actor: Actor, input: UploadInput): Promise<DocumentResponse> {
    const target = input.attachTo;
    await this.policy.assertCanAttach(actor, target, this.dataSource.manager, false);
    const maxBytes = this.config.documentMaxBytes;
    const upload = await InspectedUpload.open(
      refusingOversize(input.file.content, maxBytes),
      { name: input.file.name, declaredType: input.file.declaredType },
      maxBytes,
    );
    return this.uploads.run(() => this.store(actor, target, input.file.name, upload));
  }

  private async store(
    actor: Actor,
    target: AttachmentTarget,
    name: string,
    upload: InspectedUpload,
  ): Promise<DocumentResponse> {
    const id = randomUUID();
    let key: string | undefined;
    try {
      return await this.dataSource.transaction(async (manager) => {
        key = await this.storage.write(manager, id, upload.content());
        const { size, sha256 } = upload.result();
        // The thing may have moved on (e.g. been submitted) while the content streamed in.
        const grant = await this.policy.assertCanAttach(actor, target, manager, true);
        const document = manager.create(Document, {
          id,
          name,
          contentType: upload.contentType,
          size,
          sha256,
          attachedToType: target.type,
          attachedToId: target.id,
          storageKey: key,
          uploadedByUserId: actor.userId,
        });
        await manager.insert(Document, document);
        await this.audit.record(manager, {
          actor,
          action: 'document.uploaded',
          programmeId: grant.programmeId,
          entityType: 'document',
          entityId: id,
          data: {
            name,
            size,
            sha256,
            contentType: upload.contentType,
            attachedTo: { type: target.type, id: target.id },
            ...onBehalfOf(grant),
          },
        });
        return toDocumentResponse(document);
      });
    } catch (error) {
      // A store outside the database wrote at once: take the content back (a no-op for
      // PostgreSQL, whose chunks were rolled back with the transaction).
      if (key !== undefined) {
        const written = key;
        await this.storage.delete(this.dataSource.manager, written).catch(() => undefined);
      }
      throw error;
    }
  }
}

/** The upload's pieces, with the parser's own "file too large" turned into ours (413). */
async function* refusingOversize(
  content: AsyncIterable<Buffer>,
  maxBytes: number,
): AsyncGenerator<Buffer> {
  try {
    for await (const piece of content) yield piece;
  } catch (error) {
    if (error instanceof HttpException && error.getStatus() === 413) {
      throw new DocumentTooLargeError(maxBytes);
    }
    throw error;
  }
}
