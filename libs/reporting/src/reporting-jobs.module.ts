import { Module } from '@nestjs/common';
import { BuildReportHandler } from './build/build-report.handler';
import { PurgeReportsHandler } from './build/purge-reports.handler';
import { ReportBuilderService } from './build/report-builder.service';
import { SponsorDigestsHandler } from './digest/sponsor-digests.handler';
import { ReportingModule } from './reporting.module';

/** The reports' job handlers, for the worker: builds, the purge and the weekly digests. */
@Module({
  imports: [ReportingModule],
  providers: [ReportBuilderService, BuildReportHandler, PurgeReportsHandler, SponsorDigestsHandler],
  exports: [BuildReportHandler, PurgeReportsHandler, SponsorDigestsHandler, ReportBuilderService],
})
export class ReportingJobsModule {}
