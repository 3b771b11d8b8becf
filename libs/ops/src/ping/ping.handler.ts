import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HandlesJob, JobContext, JobHandler, JobPayload } from '@catalyst/queues';
import { hostname } from 'node:os';
import { PING_JOB } from './ping.job';

/** Records the ping once: a second run (retry, duplicate delivery) changes nothing. */
@Injectable()
@HandlesJob(PING_JOB)
export class PingHandler implements JobHandler<JobPayload<typeof PING_JOB>> {
  constructor(private readonly dataSource: DataSource) {}

  async handle(
    data: JobPayload<typeof PING_JOB>,
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
