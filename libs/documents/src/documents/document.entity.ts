import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  ValueTransformer,
} from 'typeorm';

/** bigint columns arrive as strings from `pg`; sizes stay far below 2^53. */
export const BIGINT_NUMBER: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * An uploaded file attached to one thing (an application, a milestone…). The row describes
 * the content; the bytes live in the document storage under `storageKey`. Never updated: a
 * document is replaced by uploading another one.
 */
// The list of one object's documents pages on (createdAt, id).
@Index('documents_attached_to_created_idx', ['attachedToType', 'attachedToId', 'createdAt', 'id'])
@Check('documents_size_check', `size >= 0`)
@Check('documents_sha256_check', `sha256 ~ '^[0-9a-f]{64}$'`)
@Check('documents_name_check', `char_length(name) BETWEEN 1 AND 255`)
@Entity({ name: 'documents' })
export class Document {
  /** Chosen before the content is stored, so the storage can key the bytes by it. */
  @PrimaryColumn('uuid')
  id: string;

  /** The file name the uploader gave, cleaned of paths and control characters. */
  @Column('text')
  name: string;

  /** What the content was detected to be (never the client's claim). */
  @Column('text')
  contentType: string;

  @Column({ type: 'bigint', transformer: BIGINT_NUMBER })
  size: number;

  /** SHA-256 of the content, lower-case hex, computed while it streamed in. */
  @Column('text')
  sha256: string;

  /** The kind of thing it is attached to (a registered attachment type, e.g. `application`). */
  @Column('text')
  attachedToType: string;

  @Column('uuid')
  attachedToId: string;

  /** Where the bytes are in the document storage. */
  @Column('text')
  storageKey: string;

  @Column({ type: 'uuid', nullable: true })
  uploadedByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
