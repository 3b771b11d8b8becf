import { ReportChunk } from './reports/report-chunk.entity';
import { Report } from './reports/report.entity';

export const REPORTING_ENTITIES = [Report, ReportChunk];
