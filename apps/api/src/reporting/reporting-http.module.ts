import { Module } from '@nestjs/common';
import { ReportingModule } from '@catalyst/reporting';
import { ReportsController } from './reports.controller';

/** The HTTP side of reports: asking, following and downloading. */
@Module({ imports: [ReportingModule], controllers: [ReportsController] })
export class ReportingHttpModule {}
