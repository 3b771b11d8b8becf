import { Document } from './documents/document.entity';
import { DocumentChunk } from './storage/document-chunk.entity';

export const DOCUMENTS_ENTITIES = [Document, DocumentChunk];
