import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { attachmentDisposition } from '@catalyst/documents';
import {
  CreateReportDto,
  ListReportsQueryDto,
  REPORT_FORMATS,
  REPORT_KINDS,
  ReportView,
  ReportsService,
} from '@catalyst/reporting';
import { RoundQueryDto, RoundsService } from '@catalyst/rounds';
import { uuidOrNotFound } from '../portal/portal.controller';
import { validated } from '../rendering/form-input';
import { FormAgain, submitForm } from '../rendering/form-submission';
import { PageRenderer } from '../rendering/page-renderer';
import { SignedInPage } from '../session/page-access.decorator';
import { WebReply, WebRequest } from '../session/web-request';

/** How often a report's page looks again while it is being built (seconds, without scripts). */
const REFRESH_SECONDS = 2;

const finished = (report: ReportView) => report.status === 'done' || report.status === 'failed';

/**
 * Reports for programme managers and sponsors, over the same service as `POST /reports`: ask
 * for one, follow its progress (the page refreshes itself until it is built; with scripts it
 * asks for the state instead), download it, and see the reports asked for before.
 */
@Controller('reports')
export class ReportsPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly reports: ReportsService,
    private readonly rounds: RoundsService,
  ) {}

  @Get()
  @SignedInPage('programme_manager', 'sponsor')
  async list(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    await this.renderList(request, reply);
  }

  @Post()
  @SignedInPage('programme_manager', 'sponsor')
  async request(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    await submitForm(this.pages, request, reply, {
      fields: (t) => [
        { field: 'kind', id: 'kind', label: t('reports.kind') },
        { field: 'roundId', id: 'roundId', label: t('reports.round') },
        { field: 'sponsorOrganisationId', id: 'kind', label: t('reports.sponsor') },
        { field: 'format', id: 'format', label: t('reports.format') },
      ],
      act: async (form) => {
        const dto = await validated(CreateReportDto, {
          kind: form.kind ?? '',
          format: form.format ?? '',
          ...(form.roundId?.trim() ? { roundId: form.roundId.trim() } : {}),
        });
        const report = await this.reports.request(request.actor!, dto);
        return `/reports/${report.id}`;
      },
      again: (shown, status) => this.renderList(request, reply, shown, status),
    });
  }

  @Get(':id')
  @SignedInPage('programme_manager', 'sponsor')
  async report(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id') id: string) {
    const report = await this.reports.get(request.actor!, uuidOrNotFound(id));
    await this.pages.render(request, reply, 'reports/report', {
      report,
      refreshSeconds: finished(report) ? null : REFRESH_SECONDS,
    });
  }

  /** The report's state for the page's script (the same the API's `GET /reports/{id}` says). */
  @Get(':id/state')
  @SignedInPage('programme_manager', 'sponsor')
  async state(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id') id: string) {
    const report = await this.reports.get(request.actor!, uuidOrNotFound(id));
    await reply
      .header('Cache-Control', 'no-store')
      .send({ status: report.status, progress: report.progress });
  }

  @Get(':id/download')
  @SignedInPage('programme_manager', 'sponsor')
  async download(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id') id: string) {
    const { report, content } = await this.reports.open(request.actor!, uuidOrNotFound(id));
    await reply
      .header('Content-Type', report.contentType ?? 'application/octet-stream')
      .header('Content-Disposition', attachmentDisposition(report.fileName ?? 'report'))
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'private, no-store')
      .header(
        'Content-Security-Policy',
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      )
      .send(content);
  }

  private async renderList(
    request: WebRequest,
    reply: WebReply,
    shown?: FormAgain,
    status = 200,
  ): Promise<void> {
    const actor = request.actor!;
    const query = request.query as Record<string, string>;
    const [past, rounds] = await Promise.all([
      this.reports.list(
        actor,
        await validated(ListReportsQueryDto, {
          limit: 20,
          ...(query.cursor ? { cursor: query.cursor } : {}),
        }),
      ),
      this.rounds.list(actor, await validated(RoundQueryDto, { limit: 100 })),
    ]);
    const manages = actor.managedProgrammeIds.length > 0;
    await this.pages.render(
      request,
      reply,
      'reports/reports',
      {
        past: past.items,
        nextCursor: past.nextCursor,
        rounds: rounds.items.filter((r) => r.status !== 'cancelled'),
        kinds: manages ? REPORT_KINDS.filter((k) => k !== 'sponsor_digest') : REPORT_KINDS,
        formats: REPORT_FORMATS,
        values: { kind: query.kind ?? '', format: 'html', roundId: query.roundId ?? '' },
        ...shown,
      },
      status,
    );
  }
}
