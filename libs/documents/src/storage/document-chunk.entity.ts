import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Document } from '../documents/document.entity';

/**
 * One slice (~256 KiB) of a document's content, as the PostgreSQL storage keeps it: written as
 * the upload streams in, read back in order. The foreign key is checked at commit (deferred),
 * because the chunks are written before the document row, whose size and digest are known only
 * once the last chunk is in; deleting a document deletes its chunks.
 */
@Check('document_chunks_seq_check', `seq >= 0`)
@Entity({ name: 'document_chunks' })
export class DocumentChunk {
  @PrimaryColumn('uuid')
  documentId: string;

  @ManyToOne(() => Document, { onDelete: 'CASCADE', deferrable: 'INITIALLY DEFERRED' })
  @JoinColumn({ name: 'document_id' })
  document?: Document;

  /** 0, 1, 2… in content order. */
  @PrimaryColumn('integer')
  seq: number;

  @Column('bytea')
  bytes: Buffer;
}
