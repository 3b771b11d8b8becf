import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { attachmentDisposition } from '@catalyst/documents';
import type { Actor } from '@catalyst/identity';
import {
  CreateReportDto,
  ListReportsQueryDto,
  ReportPageResponse,
  ReportView,
  ReportsService,
} from '@catalyst/reporting';
import { CurrentActor } from '../auth/current-actor.decorator';
import { SignedIn } from '../auth/route-policy.decorator';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @HttpCode(202)
  @SignedIn()
  @ApiOperation({
    summary: 'Ask for a report (built in the background)',
    description:
      'Kinds: `round_funnel` and `cohort_progress` (a `roundId`), `sponsor_digest` (a sponsor ' +
      'and a `period`, default the last full week), `impact` (a round, a sponsor, or every ' +
      'programme you manage). Programme managers ask about their programmes; a sponsor’s ' +
      'members about that sponsor only (its challenges and teams); startups none (403). A ' +
      'round or sponsor you may not see is 404. The same request within a few minutes returns ' +
      'the report already asked for. Follow `GET /reports/{id}` until `done` or `failed`.',
  })
  @ApiAcceptedResponse({ type: ReportView, description: 'Queued (or the identical one asked for)' })
  @ApiForbiddenResponse({ description: 'You may not ask for reports (`report.not_allowed`)' })
  @ApiNotFoundResponse({ description: 'The round or sponsor does not exist or is not visible' })
  @ApiUnprocessableEntityResponse({
    description: 'A scope is missing (`report.scope_required`) or the period is wrong',
  })
  request(@CurrentActor() actor: Actor, @Body() body: CreateReportDto): Promise<ReportView> {
    return this.reports.request(actor, body);
  }

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'Your reports (and your sponsor organisations’ digests), newest first' })
  @ApiOkResponse({ type: ReportPageResponse })
  list(
    @CurrentActor() actor: Actor,
    @Query() query: ListReportsQueryDto,
  ): Promise<ReportPageResponse> {
    return this.reports.list(actor, query);
  }

  @Get(':id')
  @SignedIn()
  @ApiOperation({ summary: 'A report’s state: status, progress (0–100), error and expiry' })
  @ApiOkResponse({ type: ReportView })
  @ApiNotFoundResponse({ description: 'No such report, or not yours to see' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ReportView> {
    return this.reports.get(actor, id);
  }

  @Get(':id/download')
  @SignedIn()
  @ApiOperation({
    summary: 'Download a built report',
    description:
      'Streams the file: `text/csv`, `application/json` or `text/html`, as an attachment named ' +
      'after the kind and the day. The same people who may see the report may download it.',
  })
  @ApiOkResponse({
    description: 'The report’s file',
    content: {
      'text/csv': { schema: { type: 'string', format: 'binary' } },
      'application/json': { schema: { type: 'string', format: 'binary' } },
      'text/html': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiNotFoundResponse({ description: 'No such report, or not yours to see' })
  @ApiConflictResponse({ description: 'Not built yet, or failed (`report.not_ready`)' })
  async download(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const { report, content } = await this.reports.open(actor, id);
    void reply
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'private, no-store')
      // The HTML report is self-contained: styles inline, no script, no outside resource.
      .header(
        'Content-Security-Policy',
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      );
    return new StreamableFile(content, {
      type: report.contentType ?? 'application/octet-stream',
      disposition: attachmentDisposition(report.fileName ?? 'report'),
      length: report.sizeBytes ?? undefined,
    });
  }
}
