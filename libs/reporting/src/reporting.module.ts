import { Module } from '@nestjs/common';
import { ReportPolicy } from './reports/report.policy';
import { ReportStorage } from './reports/report.storage';
import { ReportsService } from './reports/reports.service';
import './reporting.events';

const SERVICES = [ReportPolicy, ReportStorage, ReportsService];

/**
 * Reports for the API: asking for one, its state, the caller's list and the download. Needs
 * the global DataSource, Clock, APP_CONFIG and AuditService. The worker uses
 * ReportingJobsModule.
 */
@Module({ providers: SERVICES, exports: SERVICES })
export class ReportingModule {}
