import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, LessThan, Or } from 'typeorm';
import { Clock } from '@catalyst/common';
import { HandlesJob, JobHandler } from '@catalyst/queues';
import { Report } from '../reports/report.entity';
import { PURGE_REPORTS_JOB } from './purge-reports.job';
import { ReportBuilderService } from './report-builder.service';

/** A running build that has not reported progress for this long has stopped for good. */
export const STALLED_AFTER_MS = 30 * 60_000;

/**
 * Deletes expired reports (their chunks go with them) and fails the builds that stalled past
 * BullMQ's own retry (a worker killed twice): a report never stays `running` for ever.
 */
@Injectable()
@HandlesJob(PURGE_REPORTS_JOB)
export class PurgeReportsHandler implements JobHandler<Record<string, never>> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly builder: ReportBuilderService,
    private readonly clock: Clock,
  ) {}

  async handle(): Promise<{ purged: number; failed: number }> {
    const now = this.clock.now();
    const purged = await this.dataSource.manager.delete(Report, { expiresAt: LessThan(now) });
    const stalled = await this.dataSource.manager.find(Report, {
      where: {
        status: In(['running']),
        heartbeatAt: Or(LessThan(new Date(now.getTime() - STALLED_AFTER_MS)), IsNull()),
      },
    });
    for (const report of stalled) {
      await this.builder.fail(
        report,
        'The report’s build stopped (the worker building it was interrupted) and did not resume; ask for it again.',
      );
    }
    return { purged: purged.affected ?? 0, failed: stalled.length };
  }
}
