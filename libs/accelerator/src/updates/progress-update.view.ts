import { ApiProperty } from '@nestjs/swagger';
import { DescribedDocuments, DocumentSummary, documentsOf } from '@catalyst/documents';
import { RAG_STATUSES, RagStatus } from './progress-update.entity';
import type { ProgressUpdate } from './progress-update.entity';
import { editableUntil as editableUntilOf } from './progress-update.rules';

export class ProgressUpdateView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  teamId: string;

  @ApiProperty({ format: 'uuid' })
  sprintId: string;

  @ApiProperty()
  sprintNumber: number;

  @ApiProperty({ format: 'uuid' })
  authorUserId: string;

  @ApiProperty({ enum: RAG_STATUSES })
  rag: RagStatus;

  @ApiProperty()
  summary: string;

  @ApiProperty({ type: String, nullable: true })
  blockers: string | null;

  @ApiProperty({ type: String, nullable: true })
  asksForHelp: string | null;

  @ApiProperty({ type: [String] })
  evidenceUrls: string[];

  @ApiProperty({
    type: [String],
    description: 'Documents attached to this update that its author names as evidence',
  })
  documentIds: string[];

  @ApiProperty({
    type: [DocumentSummary],
    description: 'The documents of documentIds described, in that order',
  })
  documents: DocumentSummary[];

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time', description: 'Its author may edit it until then' })
  editableUntil: string;

  @ApiProperty({ description: 'Whether you may edit it now' })
  editable: boolean;

  @ApiProperty()
  version: number;
}

export class ProgressUpdatePageView {
  @ApiProperty({ type: [ProgressUpdateView] })
  items: ProgressUpdateView[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

/**
 * Needs the update loaded with its sprint, and `documents` (DocumentReferencesService.describe)
 * holding its documentIds.
 */
export function toProgressUpdateView(
  u: ProgressUpdate,
  now: Date,
  viewerUserId: string,
  documents: DescribedDocuments,
): ProgressUpdateView {
  const editableUntil = editableUntilOf(u);
  return {
    id: u.id,
    teamId: u.teamId,
    sprintId: u.sprintId,
    sprintNumber: u.sprint?.number ?? 0,
    authorUserId: u.authorUserId,
    rag: u.rag,
    summary: u.summary,
    blockers: u.blockers,
    asksForHelp: u.asksForHelp,
    evidenceUrls: u.evidenceUrls,
    documentIds: u.documentIds,
    documents: documentsOf(documents, { type: 'progress_update', id: u.id }, u.documentIds),
    createdAt: u.createdAt.toISOString(),
    editableUntil: editableUntil.toISOString(),
    editable: u.authorUserId === viewerUserId && now < editableUntil,
    version: u.version,
  };
}
