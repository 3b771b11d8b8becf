import { Inject, Injectable } from '@nestjs/common';
import { Readable, Transform } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { NotFoundError, Page, mapPage, paginate } from '@catalyst/common';
import { Actor, assertVisible } from '@catalyst/identity';
import { DocumentAttachmentRegistry } from '../../attachments/document-attachment.registry';
import { DOCUMENT_STORAGE, DocumentStorage } from '../../storage/document-storage';
import { Document } from '../document.entity';
import { DocumentPolicy } from '../document.policy';
import { DocumentResponse, toDocumentResponse } from '../dto/document.view';
import type { ListDocumentsQueryDto } from '../dto/list-documents.query';

export interface OpenedDocument {
  document: DocumentResponse;
  /** The content, read on demand; fails (rather than ends short) if it is incomplete. */
  content: Readable;
}

/** Reading documents: their description, their content and the documents of one thing. */
@Injectable()
export class DocumentQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: DocumentPolicy,
    private readonly registry: DocumentAttachmentRegistry,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  async get(actor: Actor, id: string): Promise<DocumentResponse> {
    return toDocumentResponse(await this.visible(actor, id, this.dataSource.manager));
  }

  async open(actor: Actor, id: string): Promise<OpenedDocument> {
    const document = await this.visible(actor, id, this.dataSource.manager);
    return {
      document: toDocumentResponse(document),
      content: ofExactSize(this.storage.read(document.storageKey), document.size, id),
    };
  }

  /** The documents of one thing in upload order (404 when the thing is not visible). */
  async list(actor: Actor, query: ListDocumentsQueryDto): Promise<Page<DocumentResponse>> {
    const target = { type: query.attachedToType, id: query.attachedToId };
    this.registry.get(target.type, 'attachedToType');
    if (!(await this.policy.canView(actor, target, this.dataSource.manager))) {
      throw new NotFoundError(target.type, target.id);
    }
    const qb = this.dataSource
      .getRepository(Document)
      .createQueryBuilder('document')
      .where('document.attachedToType = :type AND document.attachedToId = :id', target);
    const page = await paginate(qb, {
      alias: 'document',
      sortBy: 'createdAt',
      direction: 'ASC',
      limit: query.limit,
      cursor: query.cursor,
    });
    return mapPage(page, toDocumentResponse);
  }

  /** The document, when the caller may see the thing it is attached to (else 404). */
  async visible(actor: Actor, id: string, manager: EntityManager): Promise<Document> {
    const document = await manager.findOne(Document, { where: { id } });
    const target = document && { type: document.attachedToType, id: document.attachedToId };
    assertVisible(!!target && (await this.policy.canView(actor, target, manager)), 'Document', id);
    return document!;
  }
}

/** Passes `source` through, failing it when it holds more or fewer bytes than recorded. */
function ofExactSize(source: Readable, size: number, id: string): Readable {
  let seen = 0;
  const check = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > size) done(new Error(`document ${id} holds more than its ${size} bytes`));
      else done(null, chunk);
    },
    flush(done) {
      done(seen === size ? null : new Error(`document ${id} holds ${seen} of its ${size} bytes`));
    },
  });
  source.once('error', (error) => check.destroy(error));
  return source.pipe(check);
}
