import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { DocumentChunk } from './document-chunk.entity';
import type { DocumentStorage } from './document-storage';

/** Bytes per `document_chunks` row: large enough for few rows, small enough to stream. */
export const CHUNK_BYTES = 256 * 1024;

/** Chunks fetched per query while reading (1 MiB), so a download needs few round trips. */
const CHUNKS_PER_READ = 4;

/**
 * The default DocumentStorage: the content in `document_chunks` rows of CHUNK_BYTES (the last
 * one shorter), written in the upload's transaction as the stream arrives and read back a few
 * chunks per query, only as fast as the client takes them. The key is the document's id.
 */
@Injectable()
export class PostgresDocumentStorage implements DocumentStorage {
  constructor(private readonly dataSource: DataSource) {}

  async write(
    manager: EntityManager,
    documentId: string,
    content: AsyncIterable<Buffer>,
  ): Promise<string> {
    let seq = 0;
    for await (const chunk of rechunk(content, CHUNK_BYTES)) {
      await manager.insert(DocumentChunk, { documentId, seq: seq++, bytes: chunk });
    }
    return documentId;
  }

  read(key: string): Readable {
    const dataSource = this.dataSource;
    async function* chunks(): AsyncGenerator<Buffer> {
      for (let next = 0; ;) {
        const rows = await dataSource.query<{ seq: number; bytes: Buffer }[]>(
          `SELECT seq, bytes FROM document_chunks WHERE document_id = $1 AND seq >= $2
           ORDER BY seq LIMIT ${CHUNKS_PER_READ}`,
          [key, next],
        );
        for (const row of rows) {
          // A gap would silently corrupt the file: fail the download instead.
          if (row.seq !== next) throw new Error(`document ${key} lacks chunk ${next}`);
          next++;
          yield row.bytes;
        }
        if (rows.length < CHUNKS_PER_READ) return;
      }
    }
    return Readable.from(chunks(), { objectMode: false, highWaterMark: CHUNK_BYTES });
  }

  async delete(manager: EntityManager, key: string): Promise<void> {
    await manager.delete(DocumentChunk, { documentId: key });
  }
}

/** Re-slices a stream of buffers of any size into buffers of exactly `size` (the last shorter). */
export async function* rechunk(
  content: AsyncIterable<Buffer>,
  size: number,
): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const piece of content) {
    let rest = piece;
    while (pendingBytes + rest.length >= size) {
      const take = size - pendingBytes;
      pending.push(rest.subarray(0, take));
      yield Buffer.concat(pending, size);
      rest = rest.subarray(take);
      pending = [];
      pendingBytes = 0;
    }
    if (rest.length) {
      pending.push(rest);
      pendingBytes += rest.length;
    }
  }
  if (pendingBytes) yield Buffer.concat(pending, pendingBytes);
}
