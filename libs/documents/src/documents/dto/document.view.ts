import { ApiProperty } from '@nestjs/swagger';
import type { Document } from '../document.entity';

export class AttachmentTargetView {
  @ApiProperty({ example: 'application', description: 'The kind of thing (an attachment type)' })
  type: string;

  @ApiProperty({ format: 'uuid' })
  id: string;
}

export class DocumentResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'The file name given at upload', example: 'business-plan.pdf' })
  name: string;

  @ApiProperty({ type: 'integer', description: 'Bytes', example: 48213 })
  size: number;

  @ApiProperty({
    description: 'The type detected from the content (never the one the client declared)',
    example: 'application/pdf',
  })
  contentType: string;

  @ApiProperty({
    description: 'SHA-256 of the content, lower-case hex',
    pattern: '^[0-9a-f]{64}$',
    example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  })
  sha256: string;

  @ApiProperty({ type: AttachmentTargetView })
  attachedTo: AttachmentTargetView;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  uploadedByUserId: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

/** A document as another context's view shows it (a milestone's evidence): what it is. */
export class DocumentSummary {
  @ApiProperty({ format: 'uuid', description: 'Download it at GET /documents/{id}' })
  id: string;

  @ApiProperty({ example: 'pilot-report.pdf' })
  name: string;

  @ApiProperty({ type: 'integer', description: 'Bytes', example: 48213 })
  size: number;

  @ApiProperty({ description: 'The type detected from the content', example: 'application/pdf' })
  contentType: string;

  @ApiProperty({ description: 'SHA-256 of the content, lower-case hex', pattern: '^[0-9a-f]{64}$' })
  sha256: string;
}

export class DocumentPageResponse {
  @ApiProperty({ type: [DocumentResponse] })
  items: DocumentResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export function toDocumentResponse(document: Document): DocumentResponse {
  return {
    id: document.id,
    name: document.name,
    size: document.size,
    contentType: document.contentType,
    sha256: document.sha256,
    attachedTo: { type: document.attachedToType, id: document.attachedToId },
    uploadedByUserId: document.uploadedByUserId,
    createdAt: document.createdAt.toISOString(),
  };
}

export function toDocumentSummary(document: DocumentResponse): DocumentSummary {
  const { id, name, size, contentType, sha256 } = document;
  return { id, name, size, contentType, sha256 };
}
