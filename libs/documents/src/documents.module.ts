import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DocumentAttachmentRegistry } from './attachments/document-attachment.registry';
import { DocumentPolicy } from './documents/document.policy';
import { DeleteDocumentService } from './documents/services/delete-document.service';
import { DocumentQueryService } from './documents/services/document-query.service';
import { DocumentReferencesService } from './documents/services/document-references.service';
import { UploadDocumentService } from './documents/services/upload-document.service';
import { DOCUMENT_STORAGE } from './storage/document-storage';
import { PostgresDocumentStorage } from './storage/postgres-document.storage';

/**
 * Documents: uploads attached to things of other contexts, their storage and who may see them.
 * Needs the global DataSource, AuditService and configuration (provided by the app's root).
 * Another context registers the things it owns with `@AttachesDocuments('<type>')` on a
 * provider of its own module, and checks references with DocumentReferencesService.
 */
@Module({
  imports: [DiscoveryModule],
  providers: [
    DocumentAttachmentRegistry,
    DocumentPolicy,
    UploadDocumentService,
    DocumentQueryService,
    DeleteDocumentService,
    DocumentReferencesService,
    { provide: DOCUMENT_STORAGE, useClass: PostgresDocumentStorage },
  ],
  exports: [
    DocumentAttachmentRegistry,
    UploadDocumentService,
    DocumentQueryService,
    DeleteDocumentService,
    DocumentReferencesService,
    DOCUMENT_STORAGE,
  ],
})
export class DocumentsModule {}
