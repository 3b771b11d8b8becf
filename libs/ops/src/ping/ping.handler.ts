import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HandlesJob, JobContext, JobHandler, JobName, JobPayloads } from '@catalyst/queues';
import { hostname } from 'node:os';

/** Records the ping once: a second run (retry, duplicate delivery) changes nothing. */
@Injectable()
@HandlesJob(JobName.Ping)
export class PingHandler implements JobHandler<JobName.Ping> {
  constructor(private readonly dataSource: DataSource) {}

  async handle(
    data: JobPayloads[JobName.Ping],
    _context: JobContext,
  ): Promise<{ recorded: boolean }> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO ping_receipts (ping_id, handled_by) VALUES ($1, $2)
       ON CONFLICT (ping_id) DO NOTHING RETURNING ping_id`,
      [data.pingId, `${hostname()}:${process.pid}`],
    );
    return { recorded: rows.length === 1 };
  }
}
