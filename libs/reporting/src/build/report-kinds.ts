import { buildCohortProgress } from '../kinds/cohort-progress.report';
import type { ReportBuilder } from '../kinds/build-context';
import { buildImpact } from '../kinds/impact.report';
import { buildRoundFunnel } from '../kinds/round-funnel.report';
import { buildSponsorDigest } from '../kinds/sponsor-digest.report';
import type { ReportFormat, ReportKind } from '../reports/report.entity';

export const REPORT_BUILDERS: Record<ReportKind, ReportBuilder> = {
  round_funnel: buildRoundFunnel,
  cohort_progress: buildCohortProgress,
  sponsor_digest: buildSponsorDigest,
  impact: buildImpact,
};

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

/** `round-funnel-2026-03-09.csv` */
export function reportFileName(kind: ReportKind, format: ReportFormat, day: string): string {
  return `${kind.replace(/_/g, '-')}-${day}.${format}`;
}
