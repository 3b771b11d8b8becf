import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import {
  GenerateSprintsDto,
  MilestonePaymentsService,
  MilestonesService,
  RecordPaymentDto,
  RoundProgressService,
  SprintsService,
  TeamQueryService,
} from '@catalyst/accelerator';
import { RoundsService } from '@catalyst/rounds';
import { uuidOrNotFound } from '../portal/portal.controller';
import { chartFigure } from '../rendering/charts';
import { validated } from '../rendering/form-input';
import { submitForm } from '../rendering/form-submission';
import { PageRenderer, Translate } from '../rendering/page-renderer';
import { SignedInPage } from '../session/page-access.decorator';
import { WebReply, WebRequest } from '../session/web-request';
import { versionOf } from './form-values';

const RAGS = ['green', 'amber', 'red'] as const;

/**
 * The cohort of a round at once: every team's RAG, milestones, overdue and payments on one
 * page, the RAG of each sprint as a chart, the sprint calendar (generated here), each team's
 * page and recording the payment of an accepted milestone.
 */
@Controller('manage')
export class CohortController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly rounds: RoundsService,
    private readonly progress: RoundProgressService,
    private readonly sprints: SprintsService,
    private readonly teams: TeamQueryService,
    private readonly payments: MilestonePaymentsService,
    private readonly milestones: MilestonesService,
  ) {}

  @Get('rounds/:id/cohort')
  @SignedInPage('programme_manager')
  async cohort(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id') id: string) {
    await this.renderCohort(request, reply, uuidOrNotFound(id));
  }

  @Post('rounds/:id/sprints')
  @SignedInPage('programme_manager')
  async generate(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id') id: string) {
    const roundId = uuidOrNotFound(id);
    await submitForm(this.pages, request, reply, {
      fields: (t) => [{ field: 'lengthDays', id: 'lengthDays', label: t('cohort.lengthDays') }],
      act: async (form) => {
        const raw = form.lengthDays?.trim() ?? '';
        const dto = await validated(GenerateSprintsDto, {
          lengthDays: /^\d+$/.test(raw) ? Number(raw) : raw,
        });
        const calendar = await this.sprints.generate(request.actor!, roundId, dto.lengthDays);
        return `/manage/rounds/${roundId}/cohort?sprints=${calendar.items.length}#sprints`;
      },
      again: (shown, status) => this.renderCohort(request, reply, roundId, shown, status),
    });
  }

  @Get('teams/:id')
  @SignedInPage('programme_manager')
  async team(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id') id: string) {
    await this.renderTeam(request, reply, uuidOrNotFound(id));
  }

  @Post('milestones/:id/payment')
  @SignedInPage('programme_manager')
  async recordPayment(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id') id: string) {
    const actor = request.actor!;
    const milestone = await this.milestones.get(actor, uuidOrNotFound(id));
    await submitForm(this.pages, request, reply, {
      fields: (t) => [
        { field: 'paidOn', id: `paidOn-${milestone.id}`, label: t('teamPage.paidOn') },
        { field: 'reference', id: `reference-${milestone.id}`, label: t('teamPage.reference') },
      ],
      act: async (form) => {
        const dto = await validated(RecordPaymentDto, {
          paidOn: form.paidOn?.trim() ?? '',
          reference: form.reference ?? '',
        });
        await this.payments.recordPaid(actor, milestone.id, dto, versionOf(form));
        return `/manage/teams/${milestone.teamId}?paid=1`;
      },
      again: (shown, status) =>
        this.renderTeam(
          request,
          reply,
          milestone.teamId,
          { ...shown, failedMilestone: milestone.id },
          status,
        ),
    });
  }

  private async renderCohort(
    request: WebRequest,
    reply: WebReply,
    roundId: string,
    extra: Record<string, unknown> = {},
    status = 200,
  ) {
    const actor = request.actor!;
    const round = await this.rounds.get(actor, roundId);
    const [progress, calendar, rag] = await Promise.all([
      this.progress.progress(actor, roundId),
      this.sprints.calendar(actor, roundId),
      this.progress.ragBySprint(actor, roundId),
    ]);
    const t = this.pages.translator(request.locale);
    const query = request.query as Record<string, string>;
    await this.pages.render(
      request,
      reply,
      'manage/cohort',
      {
        round,
        progress,
        calendar,
        ragChart: await ragChart(t, rag),
        generated: query.sprints,
        values: { lengthDays: String(calendar.lengthDays ?? 14) },
        ...extra,
      },
      status,
    );
  }

  private async renderTeam(
    request: WebRequest,
    reply: WebReply,
    teamId: string,
    extra: Record<string, unknown> = {},
    status = 200,
  ) {
    const team = await this.teams.get(request.actor!, teamId);
    await this.pages.render(
      request,
      reply,
      'manage/team',
      {
        team,
        paid: (request.query as Record<string, string>).paid === '1',
        values: { paidOn: team.today },
        ...extra,
      },
      status,
    );
  }
}

/** Teams per RAG in each sprint (the sprint's last update of each team). */
async function ragChart(t: Translate, rows: { sprint: number; rag: string; teams: number }[]) {
  const sprints = [...new Set(rows.map((r) => r.sprint))];
  const label = (n: number) => t('charts.sprint', { number: n });
  return chartFigure({
    title: t('charts.rag.title'),
    description: t('charts.rag.description', { count: sprints.length }),
    x: { field: 'sprint', title: t('charts.rag.sprint'), sort: sprints.map(label) },
    y: { field: 'teams', title: t('charts.rag.teams') },
    color: { field: 'rag', title: t('charts.rag.rag') },
    data: {
      title: t('charts.rag.title'),
      columns: [
        { key: 'sprint', label: t('charts.rag.sprint'), type: 'string' },
        { key: 'rag', label: t('charts.rag.rag'), type: 'string' },
        { key: 'teams', label: t('charts.rag.teams'), type: 'integer' },
      ],
      rows: sprints.flatMap((sprint) =>
        RAGS.map((rag) => ({
          sprint: label(sprint),
          rag: t(`rag.${rag}`),
          teams: rows.find((r) => r.sprint === sprint && r.rag === rag)?.teams ?? 0,
        })),
      ),
    },
  });
}
