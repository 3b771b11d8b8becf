import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ApplicationQueryService,
  ApplicationTransitionDto,
  TransitionApplicationService,
  DECISION_STATUSES,
  ListApplicationsQueryDto,
} from '@catalyst/applications';
import {
  AssignmentService,
  CreateModerationNoteDto,
  DEFAULT_STAGE_KEY,
  FeedbackService,
  ModerationNotesService,
  NotAnAssessorError,
  PanelService,
  RankingService,
  ReviewProgressService,
  RunAssignmentDto,
  StagesService,
} from '@catalyst/assessment';
import {
  CONTENT_KEY,
  ChallengeTransitionDto,
  ChallengeTransitionsService,
  ChallengesService,
} from '@catalyst/rounds';
import { NotFoundError, PageQueryDto, ValidationFailedError } from '@catalyst/common';
import { AssessorDirectory } from '@catalyst/identity';
import { uuidOrNotFound } from '../portal/portal.controller';
import { validated } from '../rendering/form-input';
import { submitForm } from '../rendering/form-submission';
import { funnelChart } from '../rendering/funnel-chart';
import { FormErrorView, PageRenderer } from '../rendering/page-renderer';
import { SignedInPage } from '../session/page-access.decorator';
import { WebReply, WebRequest } from '../session/web-request';
import { reasonOf, versionOf } from './form-values';

/** Decisions a manager makes on the ranking (screening out is one too). */
const DECISIONS: readonly string[] = [...DECISION_STATUSES, 'ineligible'];

/** Rows on one page of the ranking (the 2,000-application challenge: 20 pages, not 1.3 MB). */
export const RANKING_PAGE_SIZE = 100;

const stageOf = (request: WebRequest) => {
  const stage = (request.query as Record<string, string>).stage;
  return stage && CONTENT_KEY.test(stage) ? stage : DEFAULT_STAGE_KEY;
};

/**
 * A challenge as its programme manager runs it: approving and publishing it, its panel and the
 * balanced assignment, review progress, the ranking with its flags, decisions with their reason
 * (one by one or below a line, each audited on its own), moderation notes and feedback.
 */
@Controller('manage')
export class ManageChallengesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly dataSource: DataSource,
    private readonly challenges: ChallengesService,
    private readonly challengeMoves: ChallengeTransitionsService,
    private readonly panel: PanelService,
    private readonly assignment: AssignmentService,
    private readonly progress: ReviewProgressService,
    private readonly ranking: RankingService,
    private readonly stages: StagesService,
    private readonly notes: ModerationNotesService,
    private readonly feedback: FeedbackService,
    private readonly applications: ApplicationQueryService,
    private readonly decisions: TransitionApplicationService,
    private readonly assessors: AssessorDirectory,
  ) {}

  @Get('challenges/:id')
  @SignedInPage('programme_manager')
  async challenge(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id') id: string) {
    await this.renderChallenge(request, reply, uuidOrNotFound(id));
  }

  @Post('challenges/:id/move')
  @SignedInPage('programme_manager')
  async moveChallenge(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id') id: string) {
    const actor = request.actor!;
    const challenge = await this.challenges.get(actor, uuidOrNotFound(id));
    await submitForm(this.pages, request, reply, {
      fields: (t) => [{ field: 'reason', id: 'reason', label: t('round.field.reason') }],
      act: async (form) => {
        const dto = await validated(ChallengeTransitionDto, {
          to: form.to ?? '',
          ...reasonOf(form),
        });
        await this.challengeMoves.transition(actor, challenge.id, dto, versionOf(form));
        return `/manage/challenges/${challenge.id}?moved=${dto.to}`;
      },
      again: (shown, status) => this.renderChallenge(request, reply, challenge.id, shown, status),
    });
  }

  @Get('challenges/:id/panel')
  @SignedInPage('programme_manager')
  async panelPage(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id') id: string) {
    await this.renderPanel(request, reply, uuidOrNotFound(id));
  }

  @Post('challenges/:id/panel')
  @SignedInPage('programme_manager')
  async addAssessor(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id') id: string) {
    const actor = request.actor!;
    const challengeId = uuidOrNotFound(id);
    const stage = stageOf(request);
    await submitForm(this.pages, request, reply, {
      fields: (t) => [{ field: 'email', id: 'email', label: t('panel.email') }],
      act: async (form) => {
        const assessor = form.email?.trim()
          ? await this.assessors.activeAssessorByEmail(this.dataSource.manager, form.email)
          : null;
        if (!assessor) throw new NotAnAssessorError();
        await this.panel.add(actor, challengeId, assessor.id, stage);
        return `/manage/challenges/${challengeId}/panel?stage=${stage}&added=1`;
      },
      again: (shown, status) => this.renderPanel(request, reply, challengeId, shown, status),
    });
  }

  @Post('challenges/:id/assignment')
  @SignedInPage('programme_manager')
  async assign(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id') id: string) {
    const actor = request.actor!;
    const challengeId = uuidOrNotFound(id);
    const stage = stageOf(request);
    await submitForm(this.pages, request, reply, {
      fields: (t) => [
        { field: 'perApplication', id: 'perApplication', label: t('panel.perApplication') },
      ],
      act: async (form) => {
        const raw = form.perApplication?.trim() ?? '';
        const dto = await validated(RunAssignmentDto, {
          perApplication: /^\d+$/.test(raw) ? Number(raw) : raw,
        });
        const run = await this.assignment.run(actor, challengeId, dto.perApplication, stage);
        return `/manage/challenges/${challengeId}/panel?stage=${stage}&assigned=${run.items.length}&short=${run.shortfalls.length}`;
      },
      again: (shown, status) => this.renderPanel(request, reply, challengeId, shown, status),
    });
  }

  @Get('challenges/:id/ranking')
  @SignedInPage('programme_manager')
  async rankingPage(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id') id: string) {
    await this.renderRanking(request, reply, uuidOrNotFound(id));
  }

  /** Every ranked application below the line gets the same decision and reason, audited each. */
  @Post('challenges/:id/reject-below')
  @SignedInPage('programme_manager')
  async rejectBelow(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id') id: string) {
    const actor = request.actor!;
    const challengeId = uuidOrNotFound(id);
    const stage = stageOf(request);
    await submitForm(this.pages, request, reply, {
      fields: (t) => [
        { field: 'line', id: 'line', label: t('ranking.bulk.line') },
        { field: 'reason', id: 'bulk-reason', label: t('ranking.bulk.reason') },
      ],
      act: async (form) => {
        const line = Number(form.line);
        if (!/^\d+$/.test(form.line?.trim() ?? '') || line < 1) {
          throw invalidLine();
        }
        const dto = await validated(ApplicationTransitionDto, {
          to: 'rejected',
          ...reasonOf(form),
        });
        // The line is a rank of the whole ranking, whichever page it was read on: every
        // application below it counts, however many pages it spans.
        const ranking = await this.ranking.forActor(actor, challengeId, undefined, stage);
        const below = ranking.items.filter((i) => i.rank !== null && i.rank > line);
        let rejected = 0;
        for (const item of below) {
          const application = await this.applications.get(actor, item.applicationId);
          if (!application.allowedTransitions.some((m) => m.to === 'rejected')) continue;
          await this.decisions.transition(actor, item.applicationId, dto, application.version);
          rejected += 1;
        }
        return `/manage/challenges/${challengeId}/ranking?stage=${stage}&rejected=${rejected}`;
      },
      again: (shown, status) => this.renderRanking(request, reply, challengeId, shown, status),
    });
  }

  @Post('challenges/:id/feedback')
  @SignedInPage('programme_manager')
  async releaseFeedback(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ) {
    const challengeId = uuidOrNotFound(id);
    await submitForm(this.pages, request, reply, {
      fields: () => [{ field: 'feedback', id: 'release-feedback', label: '' }],
      act: async () => {
        await this.feedback.release(request.actor!, challengeId);
        return `/manage/challenges/${challengeId}/ranking?released=1`;
      },
      again: ({ errors }, status) =>
        this.renderRanking(request, reply, challengeId, { errors }, status),
    });
  }

  @Get('applications/:id')
  @SignedInPage('programme_manager')
  async decisionPage(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id') id: string) {
    await this.renderDecision(request, reply, uuidOrNotFound(id));
  }

  @Post('applications/:id/decision')
  @SignedInPage('programme_manager')
  async decide(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id') id: string) {
    const actor = request.actor!;
    const application = await this.applications.get(actor, uuidOrNotFound(id));
    await submitForm(this.pages, request, reply, {
      fields: (t) => [
        { field: 'to', id: 'to', label: t('decision.to') },
        { field: 'reason', id: 'reason', label: t('decision.reason') },
      ],
      act: async (form) => {
        const dto = await validated(ApplicationTransitionDto, {
          to: form.to ?? '',
          ...reasonOf(form),
        });
        await this.decisions.transition(actor, application.id, dto, versionOf(form));
        return `/manage/challenges/${application.challengeId}/ranking?decided=${dto.to}`;
      },
      again: (shown, status) => this.renderDecision(request, reply, application.id, shown, status),
    });
  }

  @Post('applications/:id/notes')
  @SignedInPage('programme_manager')
  async addNote(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id') id: string) {
    const actor = request.actor!;
    const applicationId = uuidOrNotFound(id);
    const stage = stageOf(request);
    await submitForm(this.pages, request, reply, {
      fields: (t) => [{ field: 'body', id: 'note', label: t('decision.note') }],
      act: async (form) => {
        const dto = await validated(CreateModerationNoteDto, { body: form.body ?? '' });
        await this.notes.add(actor, applicationId, dto.body, stage);
        return `/manage/applications/${applicationId}?stage=${stage}&noted=1`;
      },
      again: ({ errors, values }, status) =>
        this.renderDecision(
          request,
          reply,
          applicationId,
          { errors, noteValue: values.body },
          status,
        ),
    });
  }

  private async renderChallenge(
    request: WebRequest,
    reply: WebReply,
    id: string,
    extra: Record<string, unknown> = {},
    status = 200,
  ) {
    const actor = request.actor!;
    const view = this.challengeMoves.view(actor, await this.challenges.get(actor, id));
    const moved = (request.query as Record<string, string>).moved;
    const applications = ['published', 'closed'].includes(view.status)
      ? [...(await this.openApplications(actor, id)).values()]
      : [];
    const funnel = await funnelChart(this.pages.translator(request.locale), applications);
    await this.pages.render(
      request,
      reply,
      'manage/challenge',
      { challenge: view, moves: view.allowedTransitions, moved, funnel, values: {}, ...extra },
      status,
    );
  }

  private async renderPanel(
    request: WebRequest,
    reply: WebReply,
    id: string,
    extra: { errors?: FormErrorView; values?: Record<string, string> } = {},
    status = 200,
  ) {
    const actor = request.actor!;
    const stage = stageOf(request);
    const challenge = await this.challenges.get(actor, id);
    const [members, progress, stages] = await Promise.all([
      this.panel.list(actor, id, await validated(PageQueryDto, { limit: 100 }), stage),
      this.progress.progress(actor, id, stage),
      this.stages.list(actor, id),
    ]);
    const query = request.query as Record<string, string>;
    await this.pages.render(
      request,
      reply,
      'manage/panel',
      {
        challenge,
        stage,
        stages: stages.items,
        members: members.items,
        progress,
        notice: query.added ? 'added' : query.assigned !== undefined ? 'assigned' : null,
        assigned: query.assigned,
        short: query.short,
        values: { perApplication: '3', email: '' },
        ...extra,
      },
      status,
    );
  }

  private async renderRanking(
    request: WebRequest,
    reply: WebReply,
    id: string,
    extra: Record<string, unknown> = {},
    status = 200,
  ) {
    const actor = request.actor!;
    const stage = stageOf(request);
    const challenge = await this.challenges.get(actor, id);
    const query = request.query as Record<string, string>;
    const pageNumber = /^[1-9]\d{0,5}$/.test(query.page ?? '') ? Number(query.page) : 1;
    const [ranking, stages] = await Promise.all([
      this.ranking.page(actor, id, (pageNumber - 1) * RANKING_PAGE_SIZE, RANKING_PAGE_SIZE, stage),
      this.stages.list(actor, id),
    ]);
    if (pageNumber > 1 && !ranking.items.length)
      throw new NotFoundError('Ranking page', query.page);
    await this.pages.render(
      request,
      reply,
      'manage/ranking',
      {
        challenge,
        stage,
        stages: stages.items,
        ranking,
        rows: ranking.items,
        pagination: rankingPagination(
          `/manage/challenges/${id}/ranking?stage=${stage}`,
          pageNumber,
          Math.ceil(ranking.total / RANKING_PAGE_SIZE),
        ),
        notice: query.rejected
          ? 'rejected'
          : query.decided
            ? 'decided'
            : query.released
              ? 'released'
              : null,
        rejected: query.rejected,
        values: {},
        ...extra,
      },
      status,
    );
  }

  private async renderDecision(
    request: WebRequest,
    reply: WebReply,
    id: string,
    extra: Record<string, unknown> = {},
    status = 200,
  ) {
    const actor = request.actor!;
    const stage = stageOf(request);
    const application = await this.applications.get(actor, id);
    const challenge = await this.challenges.get(actor, application.challengeId);
    const notes = await this.notes.list(
      actor,
      id,
      await validated(PageQueryDto, { limit: 100 }),
      stage,
    );
    await this.pages.render(
      request,
      reply,
      'manage/decision',
      {
        application,
        challenge,
        stage,
        decisions: application.allowedTransitions.filter((m) => DECISIONS.includes(m.to)),
        notes: notes.items,
        noted: (request.query as Record<string, string>).noted === '1',
        values: {},
        ...extra,
      },
      status,
    );
  }

  /** The challenge's applications by id (statuses and versions for the ranking's decisions). */
  private async openApplications(actor: WebRequest['actor'] & object, challengeId: string) {
    const page = await this.applications.list(
      actor,
      await validated(ListApplicationsQueryDto, { challengeId, limit: 100 }),
    );
    return new Map(page.items.map((a) => [a.id, a]));
  }
}

function invalidLine(): ValidationFailedError {
  return new ValidationFailedError('The line must be a whole number.', [
    { field: 'line', message: 'must be a number' },
  ]);
}

/**
 * GOV.UK pagination for the ranking: previous and next, the first and last pages, the current
 * one with its neighbours, and an ellipsis for each gap. Null for a single page.
 */
export function rankingPagination(base: string, current: number, pages: number) {
  if (pages <= 1) return null;
  const href = (n: number) => `${base}&page=${n}`;
  const items: ({ number: string; href: string; current: boolean } | { ellipsis: true })[] = [];
  for (let n = 1; n <= pages; n += 1) {
    if (n === 1 || n === pages || Math.abs(n - current) <= 1) {
      items.push({ number: String(n), href: href(n), current: n === current });
    } else if (!('ellipsis' in (items.at(-1) ?? {}))) {
      items.push({ ellipsis: true });
    }
  }
  return {
    items,
    previous: current > 1 ? { href: href(current - 1) } : null,
    next: current < pages ? { href: href(current + 1) } : null,
  };
}
