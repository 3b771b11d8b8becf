import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REPORT_FORMATS, REPORT_KINDS, REPORT_STATUSES, Report } from './report.entity';

export class ReportView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: REPORT_KINDS })
  kind: string;

  @ApiProperty({ enum: REPORT_FORMATS })
  format: string;

  @ApiProperty({ enum: REPORT_STATUSES })
  status: string;

  @ApiProperty({ minimum: 0, maximum: 100 })
  progress: number;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Why it failed' })
  error: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  roundId: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  sponsorOrganisationId: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-03-02/2026-03-08' })
  period: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  fileName: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  sizeBytes: number | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  finishedAt: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the file is deleted (REPORT_TTL_HOURS after it was built)',
  })
  expiresAt: string | null;
}

export class ReportPageResponse {
  @ApiProperty({ type: [ReportView] })
  items: ReportView[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export function reportView(r: Report): ReportView {
  return {
    id: r.id,
    kind: r.kind,
    format: r.format,
    status: r.status,
    progress: r.progress,
    error: r.error,
    roundId: r.roundId,
    sponsorOrganisationId: r.sponsorOrganisationId,
    period: r.periodFrom && r.periodTo ? `${r.periodFrom}/${r.periodTo}` : null,
    fileName: r.fileName,
    sizeBytes: r.sizeBytes,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    expiresAt: r.expiresAt?.toISOString() ?? null,
  };
}
