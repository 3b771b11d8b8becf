import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { rechunk } from '@catalyst/documents';
import { ReportChunk } from './report-chunk.entity';

/** Bytes per `report_chunks` row, as documents store theirs. */
export const REPORT_CHUNK_BYTES = 256 * 1024;
const CHUNKS_PER_READ = 4;

/**
 * A report's file in PostgreSQL (`report_chunks`), so every API and worker replica reads what
 * any worker built: written chunk by chunk as the renderer produces it, read back a few chunks
 * per query only as fast as the client takes them.
 */
@Injectable()
export class ReportStorage {
  constructor(private readonly dataSource: DataSource) {}

  /** Replaces the report's file with `content`; returns its size in bytes. */
  async write(reportId: string, content: AsyncIterable<Buffer | string>): Promise<number> {
    await this.clear(reportId);
    let seq = 0;
    let size = 0;
    const buffers = (async function* () {
      for await (const piece of content) yield Buffer.isBuffer(piece) ? piece : Buffer.from(piece);
    })();
    for await (const chunk of rechunk(buffers, REPORT_CHUNK_BYTES)) {
      await this.dataSource.manager.insert(ReportChunk, { reportId, seq: seq++, bytes: chunk });
      size += chunk.length;
    }
    return size;
  }

  async clear(reportId: string): Promise<void> {
    await this.dataSource.manager.delete(ReportChunk, { reportId });
  }

  read(reportId: string): Readable {
    const dataSource = this.dataSource;
    async function* chunks(): AsyncGenerator<Buffer> {
      for (let next = 0; ;) {
        const rows = await dataSource.query<{ seq: number; bytes: Buffer }[]>(
          `SELECT seq, bytes FROM report_chunks WHERE report_id = $1 AND seq >= $2
           ORDER BY seq LIMIT ${CHUNKS_PER_READ}`,
          [reportId, next],
        );
        for (const row of rows) {
          if (row.seq !== next) throw new Error(`report ${reportId} lacks chunk ${next}`);
          next++;
          yield row.bytes;
        }
        if (rows.length < CHUNKS_PER_READ) return;
      }
    }
    return Readable.from(chunks(), { objectMode: false, highWaterMark: REPORT_CHUNK_BYTES });
  }
}
