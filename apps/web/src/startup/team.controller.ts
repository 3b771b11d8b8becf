import { Controller, Get, Param, Post, Req, Res, UploadedFile } from '@nestjs/common';
import type { MultipartFileStream } from '@nestjs/platform-fastify/multipart';
import {
  CreateMilestoneDto,
  CreateProgressUpdateDto,
  ListTeamsQueryDto,
  MilestonePlanTransitionDto,
  MilestonePlanTransitionsService,
  MilestoneTransitionDto,
  MilestoneTransitionsService,
  MilestoneView,
  MilestonesService,
  ProgressUpdatesService,
  RAG_STATUSES,
  TeamQueryService,
  UpdateProgressUpdateDto,
} from '@catalyst/accelerator';
import { PageQueryDto } from '@catalyst/common';
import { UploadDocumentService, documentName } from '@catalyst/documents';
import type { Actor } from '@catalyst/identity';
import { FormField, formErrors, isFormProblem } from '../errors/form-errors';
import { uuidOrNotFound } from '../portal/portal.controller';
import { formBody, validated } from '../rendering/form-input';
import { consoleOf } from '../links/notification-links.controller';
import { PageRenderer } from '../rendering/page-renderer';
import { TakesUpload } from '../session/multipart-csrf.interceptor';
import { SignedInPage } from '../session/page-access.decorator';
import { WebReply, WebRequest } from '../session/web-request';

/**
 * A selected company's team in the accelerator: the milestone plan (add milestones, propose
 * it, see it agreed), each milestone with its status, due date and payment, submitting one
 * with evidence links and an uploaded document, and the progress updates per sprint. Every
 * step is the accelerator's and documents' services with the signed-in person: another
 * company's team is not found (404), as on the API.
 */
@Controller()
export class TeamController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly teams: TeamQueryService,
    private readonly milestones: MilestonesService,
    private readonly milestoneMoves: MilestoneTransitionsService,
    private readonly plans: MilestonePlanTransitionsService,
    private readonly updates: ProgressUpdatesService,
    private readonly documents: UploadDocumentService,
  ) {}

  @Get('teams')
  @SignedInPage('startup_member')
  async list(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const page = await this.teams.list(
      request.actor!,
      await validated(ListTeamsQueryDto, { limit: 100 }),
    );
    if (page.items.length === 1) return this.pages.redirect(reply, `/teams/${page.items[0].id}`);
    await this.pages.render(request, reply, 'startup/teams', { teams: page.items });
  }

  @Get('teams/:id')
  @SignedInPage()
  async team(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    // Notifications link here for everyone: a sponsor or a programme manager has a page of
    // their own for the team (whose policy decides what they see).
    const home = consoleOf(request.actor!);
    if (home !== 'company') {
      return this.pages.redirect(reply, `/${home}/teams/${uuidOrNotFound(id)}`);
    }
    await this.showTeam(request, reply, id);
  }

  @Post('teams/:id/plan')
  @SignedInPage('startup_member')
  async proposePlan(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    const form = formBody(request.body);
    try {
      const dto = await validated(MilestonePlanTransitionDto, { to: 'proposed' });
      await this.plans.transition(request.actor!, uuidOrNotFound(id), dto, versionOf(form));
      await this.pages.redirect(reply, `/teams/${id}?done=proposed`);
    } catch (error) {
      if (!isFormProblem(error)) throw error;
      const t = this.pages.translator(request.locale);
      await this.showTeam(request, reply, id, {
        errors: formErrors(
          error,
          [{ field: 'to', id: 'propose', label: t('startupTeam.propose') }],
          t,
        ),
        status: error.status,
      });
    }
  }

  @Get('teams/:id/milestones/new')
  @SignedInPage('startup_member')
  async newMilestone(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    const team = await this.teams.get(request.actor!, uuidOrNotFound(id));
    await this.pages.render(request, reply, 'startup/milestone-new', {
      team,
      values: { title: '', description: '', acceptanceCriteria: '', dueOn: '' },
    });
  }

  @Post('teams/:id/milestones')
  @SignedInPage('startup_member')
  async addMilestone(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    const actor = request.actor!;
    const team = await this.teams.get(actor, uuidOrNotFound(id));
    const form = formBody(request.body);
    const values = {
      title: form.title?.trim() ?? '',
      description: form.description?.trim() ?? '',
      acceptanceCriteria: form.acceptanceCriteria?.trim() ?? '',
      dueOn: form.dueOn?.trim() ?? '',
    };
    try {
      const dto = await validated(CreateMilestoneDto, {
        title: values.title,
        dueOn: values.dueOn,
        ...(values.description ? { description: values.description } : {}),
        ...(values.acceptanceCriteria ? { acceptanceCriteria: values.acceptanceCriteria } : {}),
      });
      await this.milestones.create(actor, team.id, dto);
      await this.pages.redirect(reply, `/teams/${team.id}?done=milestone`);
    } catch (error) {
      if (!isFormProblem(error)) throw error;
      const t = this.pages.translator(request.locale);
      const fields: FormField[] = [
        { field: 'title', id: 'title', label: t('startupTeam.milestoneTitle') },
        { field: 'dueOn', id: 'dueOn', label: t('startupTeam.dueOn') },
        { field: 'description', id: 'description', label: t('startupTeam.description') },
        {
          field: 'acceptanceCriteria',
          id: 'acceptanceCriteria',
          label: t('startupTeam.acceptanceCriteria'),
        },
      ];
      await this.pages.render(
        request,
        reply,
        'startup/milestone-new',
        { team, values, errors: formErrors(error, fields, t) },
        error.status,
      );
    }
  }

  @Get('milestones/:id')
  @SignedInPage()
  async milestone(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    // Those who sign milestones off or run the programme do so on the team's page.
    const home = consoleOf(request.actor!);
    if (home !== 'company') {
      const milestone = await this.milestones.get(request.actor!, uuidOrNotFound(id));
      return this.pages.redirect(reply, `/${home}/teams/${milestone.teamId}`);
    }
    const query = request.query as Record<string, string>;
    await this.showMilestone(request, reply, id, { done: query.done });
  }

  @Post('milestones/:id/start')
  @SignedInPage('startup_member')
  async start(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    const form = formBody(request.body);
    const dto = await validated(MilestoneTransitionDto, { to: 'in_progress' });
    try {
      await this.milestoneMoves.transition(
        request.actor!,
        uuidOrNotFound(id),
        dto,
        versionOf(form),
      );
      await this.pages.redirect(reply, `/milestones/${id}?done=started`);
    } catch (error) {
      if (!isFormProblem(error)) throw error;
      const t = this.pages.translator(request.locale);
      await this.showMilestone(request, reply, id, {
        errors: formErrors(
          error,
          [{ field: 'to', id: 'start', label: t('startupMilestone.start') }],
          t,
        ),
        status: error.status,
      });
    }
  }

  /**
   * Submits a milestone: evidence links (one a line) and, optionally, one document. The
   * input is validated and the move checked as offered before the document is stored, so a
   * refused submission leaves nothing behind in the common cases.
   */
  @Post('milestones/:id/submit')
  @SignedInPage('startup_member')
  @TakesUpload('document')
  async submit(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
    @UploadedFile() file: MultipartFileStream | undefined,
  ): Promise<void> {
    const actor = request.actor!;
    const form = formBody(request.body);
    const evidenceText = form.evidenceUrls ?? '';
    const evidenceUrls = linesOf(evidenceText);
    const t = this.pages.translator(request.locale);
    const fields: FormField[] = [
      { field: 'evidenceUrls', id: 'evidenceUrls', label: t('startupMilestone.evidenceUrls') },
      { field: 'documentIds', id: 'document', label: t('startupMilestone.document') },
    ];
    try {
      const milestone = await this.milestones.get(actor, uuidOrNotFound(id));
      const chosen = file && file.originalname ? file : undefined;
      await validated(MilestoneTransitionDto, {
        to: 'submitted',
        ...(evidenceUrls.length ? { evidenceUrls } : {}),
      });
      const documentIds = [...milestone.documentIds];
      if (chosen && milestone.allowedTransitions.some((m) => m.to === 'submitted')) {
        const stored = await this.documents.upload(actor, {
          attachTo: { type: 'milestone', id: milestone.id },
          file: {
            name: documentName(chosen.originalname),
            declaredType: chosen.mimetype ?? '',
            content: chosen.stream,
          },
        });
        documentIds.push(stored.id);
      }
      const dto = await validated(MilestoneTransitionDto, {
        to: 'submitted',
        ...(evidenceUrls.length ? { evidenceUrls } : {}),
        ...(documentIds.length ? { documentIds } : {}),
      });
      await this.milestoneMoves.transition(actor, milestone.id, dto, versionOf(form));
      await this.pages.redirect(reply, `/milestones/${milestone.id}?done=submitted`);
    } catch (error) {
      if (!isFormProblem(error)) throw error;
      await this.showMilestone(request, reply, id, {
        errors: formErrors(error, fields, t),
        values: { evidenceUrls: evidenceText },
        status: error.status,
      });
    }
  }

  @Get('teams/:id/updates/new')
  @SignedInPage('startup_member')
  async newUpdate(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    const team = await this.teams.get(request.actor!, uuidOrNotFound(id));
    await this.pages.render(request, reply, 'startup/update-form', {
      team,
      action: `/teams/${team.id}/updates`,
      rags: RAG_STATUSES,
      values: { rag: '', summary: '', blockers: '', asksForHelp: '' },
    });
  }

  @Post('teams/:id/updates')
  @SignedInPage('startup_member')
  async addUpdate(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    const actor = request.actor!;
    const team = await this.teams.get(actor, uuidOrNotFound(id));
    const values = updateValues(formBody(request.body));
    try {
      const dto = await validated(CreateProgressUpdateDto, {
        ...(values.rag ? { rag: values.rag } : {}),
        summary: values.summary,
        ...(values.blockers ? { blockers: values.blockers } : {}),
        ...(values.asksForHelp ? { asksForHelp: values.asksForHelp } : {}),
      });
      await this.updates.create(actor, team.id, dto);
      await this.pages.redirect(reply, `/teams/${team.id}?done=update`);
    } catch (error) {
      if (!isFormProblem(error)) throw error;
      const t = this.pages.translator(request.locale);
      await this.pages.render(
        request,
        reply,
        'startup/update-form',
        {
          team,
          action: `/teams/${team.id}/updates`,
          rags: RAG_STATUSES,
          values,
          errors: formErrors(error, this.updateFields(t), t),
        },
        error.status,
      );
    }
  }

  @Get('progress-updates/:id/edit')
  @SignedInPage('startup_member')
  async editUpdate(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    const actor = request.actor!;
    const update = await this.updates.get(actor, uuidOrNotFound(id));
    const team = await this.teams.get(actor, update.teamId);
    await this.pages.render(request, reply, 'startup/update-form', {
      team,
      update,
      action: `/progress-updates/${update.id}`,
      rags: RAG_STATUSES,
      values: {
        rag: update.rag,
        summary: update.summary,
        blockers: update.blockers ?? '',
        asksForHelp: update.asksForHelp ?? '',
      },
    });
  }

  @Post('progress-updates/:id')
  @SignedInPage('startup_member')
  async saveUpdate(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    const actor = request.actor!;
    const update = await this.updates.get(actor, uuidOrNotFound(id));
    const form = formBody(request.body);
    const values = updateValues(form);
    try {
      const dto = await validated(UpdateProgressUpdateDto, {
        ...(values.rag ? { rag: values.rag } : {}),
        summary: values.summary,
        blockers: values.blockers || null,
        asksForHelp: values.asksForHelp || null,
      });
      await this.updates.update(actor, update.id, dto, versionOf(form));
      await this.pages.redirect(reply, `/teams/${update.teamId}?done=updateSaved`);
    } catch (error) {
      if (!isFormProblem(error)) throw error;
      const t = this.pages.translator(request.locale);
      await this.pages.render(
        request,
        reply,
        'startup/update-form',
        {
          team: await this.teams.get(actor, update.teamId),
          update,
          action: `/progress-updates/${update.id}`,
          rags: RAG_STATUSES,
          values,
          errors: formErrors(error, this.updateFields(t), t),
        },
        error.status,
      );
    }
  }

  private updateFields(t: (key: string) => string): FormField[] {
    return [
      { field: 'rag', id: 'rag', label: t('startupProgress.rag') },
      { field: 'summary', id: 'summary', label: t('startupProgress.summary') },
      { field: 'blockers', id: 'blockers', label: t('startupProgress.blockers') },
      { field: 'asksForHelp', id: 'asksForHelp', label: t('startupProgress.asks') },
    ];
  }

  private async showTeam(
    request: WebRequest,
    reply: WebReply,
    id: string,
    extra: { errors?: ReturnType<typeof formErrors>; status?: number } = {},
  ): Promise<void> {
    const actor = request.actor!;
    const team = await this.teams.get(actor, uuidOrNotFound(id));
    const updates = await this.updates.list(
      actor,
      team.id,
      await validated(PageQueryDto, { limit: 50 }),
    );
    await this.pages.render(
      request,
      reply,
      'startup/team',
      {
        team,
        milestones: team.milestones.map((m) => milestoneRow(m)),
        updates: updates.items,
        canPropose: team.plan.allowedTransitions.some((m) => m.to === 'proposed'),
        canAddMilestone: team.plan.status === 'draft' || team.plan.status === 'reopened',
        done: (request.query as Record<string, string>).done,
        errors: extra.errors,
      },
      extra.status,
    );
  }

  private async showMilestone(
    request: WebRequest,
    reply: WebReply,
    id: string,
    extra: {
      done?: string;
      errors?: ReturnType<typeof formErrors>;
      values?: { evidenceUrls: string };
      status?: number;
    } = {},
  ): Promise<void> {
    const actor: Actor = request.actor!;
    const milestone = await this.milestones.get(actor, uuidOrNotFound(id));
    const team = await this.teams.get(actor, milestone.teamId);
    await this.pages.render(
      request,
      reply,
      'startup/milestone',
      {
        team,
        milestone: milestoneRow(milestone),
        canStart: milestone.allowedTransitions.some((m) => m.to === 'in_progress'),
        canSubmit: milestone.allowedTransitions.some((m) => m.to === 'submitted'),
        done: extra.done,
        errors: extra.errors,
        values: extra.values ?? { evidenceUrls: milestone.evidenceUrls.join('\n') },
      },
      extra.status,
    );
  }
}

function milestoneRow(m: MilestoneView) {
  return {
    ...m,
    statusKey: `startupMilestoneStatus.${m.status}`,
    paymentKey: `startupPayment.${m.paymentStatus}`,
  };
}

function updateValues(form: Record<string, string>) {
  return {
    rag: form.rag ?? '',
    summary: form.summary?.trim() ?? '',
    blockers: form.blockers?.trim() ?? '',
    asksForHelp: form.asksForHelp?.trim() ?? '',
  };
}

/** The non-empty lines of a textarea (one link a line). */
function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

function versionOf(form: Record<string, string>): number | undefined {
  const version = Number(form.version);
  return Number.isInteger(version) && version > 0 ? version : undefined;
}
