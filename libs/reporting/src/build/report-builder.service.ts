import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuditService, SYSTEM_ACTOR } from '@catalyst/audit';
import { APP_CONFIG, AppConfig, Clock } from '@catalyst/common';
import { dateIn } from '../kinds/build-context';
import { renderCsv } from '../render/csv.renderer';
import { renderHtml } from '../render/html.renderer';
import { renderJson } from '../render/json.renderer';
import type { ReportContent } from '../render/report-content';
import { ReportBuildError } from '../reporting.errors';
import { Report } from '../reports/report.entity';
import { ReportStorage } from '../reports/report.storage';
import { CONTENT_TYPES, REPORT_BUILDERS, reportFileName } from './report-kinds';

/** Progress is written when it moves by at least this much (or at the end). */
const PROGRESS_STEP = 5;

export type BuildOutcome = 'done' | 'failed' | 'skipped';

/**
 * Builds one report: marks it running, reads its data through its kind's builder, renders the
 * format straight into the report's chunks, and marks it done (with its expiry) or failed
 * (with a readable error). Safe to run twice: a finished report is left as it is, a running
 * one (a retried or stalled job) is started afresh.
 */
@Injectable()
export class ReportBuilderService {
  private readonly logger = new Logger(ReportBuilderService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: ReportStorage,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async build(reportId: string, finalAttempt: boolean): Promise<BuildOutcome> {
    const manager = this.dataSource.manager;
    const report = await manager.findOneBy(Report, { id: reportId });
    if (!report || report.status === 'done' || report.status === 'failed') return 'skipped';
    const now = this.clock.now();
    await manager.update(
      Report,
      { id: report.id },
      {
        status: 'running',
        progress: 0,
        startedAt: now,
        heartbeatAt: now,
        attempts: () => 'attempts + 1',
      },
    );
    let last = 0;
    const progress = async (percent: number) => {
      const p = Math.max(0, Math.min(99, Math.floor(percent)));
      if (p - last < PROGRESS_STEP) return;
      last = p;
      await manager.update(
        Report,
        { id: report.id },
        { progress: p, heartbeatAt: this.clock.now() },
      );
    };
    try {
      const content = await REPORT_BUILDERS[report.kind]({
        report,
        manager,
        now,
        timezone: this.config.appTimezone,
        progress,
      });
      const generatedAt = now.toISOString();
      const size = await this.storage.write(report.id, this.render(report, content, generatedAt));
      await this.finish(report, size, dateIn(this.config.appTimezone, now));
      return 'done';
    } catch (error) {
      const readable = error instanceof ReportBuildError;
      if (!readable && !finalAttempt) throw error; // retried: the next attempt starts afresh
      this.logger.warn(
        `report ${report.id} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      await this.fail(
        report,
        readable
          ? error.message
          : 'The report could not be built because of an unexpected error; ask for it again, and tell the service team if it fails again.',
      );
      return 'failed';
    }
  }

  private render(report: Report, content: ReportContent, generatedAt: string): Readable {
    if (report.format === 'csv') return renderCsv(content);
    if (report.format === 'json')
      return renderJson(content, {
        kind: report.kind,
        generatedAt,
        parameters: {
          roundId: report.roundId,
          sponsorOrganisationId: report.sponsorOrganisationId,
          period: report.periodFrom ? `${report.periodFrom}/${report.periodTo}` : null,
        },
      });
    return renderHtml(content, generatedAt);
  }

  private async finish(report: Report, size: number, day: string): Promise<void> {
    const finishedAt = this.clock.now();
    const expiresAt = new Date(finishedAt.getTime() + this.config.reportTtlHours * 3_600_000);
    const fileName = reportFileName(report.kind, report.format, day);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(
        Report,
        { id: report.id },
        {
          status: 'done',
          progress: 100,
          fileName,
          contentType: CONTENT_TYPES[report.format],
          sizeBytes: size,
          finishedAt,
          expiresAt,
          heartbeatAt: null,
        },
      );
      await this.audit.record(manager, {
        actor: SYSTEM_ACTOR,
        action: 'report.ready',
        entityType: 'report',
        entityId: report.id,
        programmeId: report.programmeId,
        data: {
          kind: report.kind,
          format: report.format,
          requesterUserId: report.requesterUserId,
          requesterOrganisationId: report.requesterOrganisationId,
          sponsorOrganisationId: report.sponsorOrganisationId,
          fileName,
          sizeBytes: size,
          expiresAt: expiresAt.toISOString(),
        },
      });
    });
  }

  /** Ends the report `failed` with `error` (its partial file removed); a new request may follow. */
  async fail(report: Pick<Report, 'id' | 'kind' | 'programmeId'>, error: string): Promise<void> {
    await this.storage.clear(report.id);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(
        Report,
        { id: report.id },
        {
          status: 'failed',
          error,
          dedupKey: null,
          finishedAt: this.clock.now(),
          heartbeatAt: null,
        },
      );
      await this.audit.record(manager, {
        actor: SYSTEM_ACTOR,
        action: 'report.failed',
        entityType: 'report',
        entityId: report.id,
        programmeId: report.programmeId,
        data: { kind: report.kind, error },
      });
    });
  }
}
