import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HandlesJob, JobContext, JobHandler, JobPayload } from '@catalyst/queues';
import {
  PRUNE_RELAYED_OUTBOX_JOB,
  RELAYED_OUTBOX_RETENTION_DAYS,
} from './prune-relayed-outbox.job';

/**
 * Deletes outbox rows relayed more than a week ago; unrelayed rows are never touched. The
 * cut-off is the database's time, the clock `relayed_at` was stamped with. One statement,
 * and a second run deletes nothing.
 */
@Injectable()
@HandlesJob(PRUNE_RELAYED_OUTBOX_JOB)
export class PruneRelayedOutboxHandler implements JobHandler<
  JobPayload<typeof PRUNE_RELAYED_OUTBOX_JOB>
> {
  constructor(private readonly dataSource: DataSource) {}

  async handle(
    _data: JobPayload<typeof PRUNE_RELAYED_OUTBOX_JOB>,
    _context: JobContext,
  ): Promise<{ deleted: number }> {
    const [, deleted]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM outbox_events
        WHERE relayed_at IS NOT NULL
          AND relayed_at < clock_timestamp() - make_interval(days => $1)`,
      [RELAYED_OUTBOX_RETENTION_DAYS],
    );
    return { deleted };
  }
}
