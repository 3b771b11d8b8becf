import { Injectable } from '@nestjs/common';
import { HandlesJob, JobContext, JobHandler, JobPayload } from '@catalyst/queues';
import { BUILD_REPORT_JOB } from './build-report.job';
import { BuildOutcome, ReportBuilderService } from './report-builder.service';

/** Builds a requested report; the last attempt ends it failed rather than leaving it running. */
@Injectable()
@HandlesJob(BUILD_REPORT_JOB)
export class BuildReportHandler implements JobHandler<JobPayload<typeof BUILD_REPORT_JOB>> {
  constructor(private readonly builder: ReportBuilderService) {}

  handle(data: JobPayload<typeof BUILD_REPORT_JOB>, context: JobContext): Promise<BuildOutcome> {
    const attempts = BUILD_REPORT_JOB.retry.attempts ?? 1;
    return this.builder.build(data.reportId, context.attemptsMade + 1 >= attempts);
  }
}
