import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID, Matches } from 'class-validator';
import { IsOptionalNotNull } from '@catalyst/common';
import { REPORT_FORMATS, REPORT_KINDS, ReportFormat, ReportKind } from './report.entity';

export class CreateReportDto {
  @ApiProperty({ enum: REPORT_KINDS })
  @IsIn(REPORT_KINDS)
  kind: ReportKind;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The round (required for round_funnel and cohort_progress; optional for impact)',
  })
  @IsOptionalNotNull()
  @IsUUID()
  roundId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The sponsor organisation: a sponsor digest’s subject, an impact’s scope, or a sponsor’s own part of a round (defaults to yours when you sponsor one organisation)',
  })
  @IsOptionalNotNull()
  @IsUUID()
  sponsorOrganisationId?: string;

  @ApiPropertyOptional({
    example: '2026-03-02/2026-03-08',
    description:
      'sponsor_digest only: inclusive dates `YYYY-MM-DD/YYYY-MM-DD` (the instance’s time zone); default the last full week (Monday to Sunday)',
  })
  @IsOptionalNotNull()
  @Matches(/^\d{4}-\d{2}-\d{2}\/\d{4}-\d{2}-\d{2}$/, {
    message: 'period must be YYYY-MM-DD/YYYY-MM-DD',
  })
  period?: string;

  @ApiProperty({ enum: REPORT_FORMATS })
  @IsIn(REPORT_FORMATS)
  format: ReportFormat;
}
