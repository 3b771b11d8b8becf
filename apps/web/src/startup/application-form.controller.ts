import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApplicationQueryService,
  ApplicationResponse,
  ApplicationTransitionDto,
  CreateApplicationService,
  TransitionApplicationService,
  UpdateApplicationDto,
  UpdateApplicationService,
} from '@catalyst/applications';
import { FeedbackService, type FeedbackView } from '@catalyst/assessment';
import { DomainError } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import { ChallengesService, type Challenge } from '@catalyst/rounds';
import { formErrors, isFormProblem } from '../errors/form-errors';
import { uuidOrNotFound } from '../portal/portal.controller';
import { formBody, validated } from '../rendering/form-input';
import { PageRenderer } from '../rendering/page-renderer';
import { SignedInPage } from '../session/page-access.decorator';
import { WebReply, WebRequest } from '../session/web-request';
import { answerId, answersFromForm, nextStepKey } from './application-steps';

/**
 * A company's application, page by page: start it from a challenge, answer the challenge's
 * questions (saved as a draft), check the answers, submit, or withdraw with a reason. Every
 * step goes through the applications services with the signed-in person, so the policy that
 * answers the API answers here: another company's application is not found (404).
 */
@Controller()
export class ApplicationFormController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly reading: ApplicationQueryService,
    private readonly creating: CreateApplicationService,
    private readonly updating: UpdateApplicationService,
    private readonly moving: TransitionApplicationService,
    private readonly challenges: ChallengesService,
    private readonly feedback: FeedbackService,
  ) {}

  @Post('challenges/:id/apply')
  @SignedInPage('startup_member')
  async start(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') challengeId: string,
  ): Promise<void> {
    const actor = request.actor!;
    const id = await this.creating.create(actor, uuidOrNotFound(challengeId), {});
    await this.pages.redirect(reply, `/applications/${id}/answers`);
  }

  @Get('applications/:id')
  @SignedInPage('startup_member')
  async overview(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    const actor = request.actor!;
    const { application, challenge } = await this.load(actor, id);
    await this.pages.render(request, reply, 'startup/application', {
      ...this.model(application, challenge),
      nextStepKey: nextStepKey(application.status),
      saved: (request.query as Record<string, string>).saved === '1',
      decided: DECIDED.includes(application.status),
      feedback: await this.releasedFeedback(actor, application),
    });
  }

  /** The notification of released feedback links here: the feedback is on the application. */
  @Get('applications/:id/feedback')
  @SignedInPage('startup_member')
  async feedbackLink(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    const { application } = await this.load(request.actor!, id);
    await this.pages.redirect(reply, `/applications/${application.id}#feedback`);
  }

  /**
   * The feedback once the programme has released it (the assessment policy decides: before
   * then it is not found for the company, and the page says it is still to come).
   */
  private async releasedFeedback(
    actor: Actor,
    application: ApplicationResponse,
  ): Promise<FeedbackView | null> {
    if (application.status === 'draft') return null;
    try {
      return await this.feedback.get(actor, application.id);
    } catch (error) {
      if (error instanceof DomainError && error.status === 404) return null;
      throw error;
    }
  }

  @Get('applications/:id/answers')
  @SignedInPage('startup_member')
  async answersPage(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    const { application, challenge } = await this.load(request.actor!, id);
    if (application.status !== 'draft') return this.pages.redirect(reply, `/applications/${id}`);
    await this.pages.render(request, reply, 'startup/answers', {
      ...this.model(application, challenge),
      values: Object.fromEntries(
        challenge.questions.map((q) => [q.key, stringOf(application.answers[q.key])]),
      ),
    });
  }

  @Post('applications/:id/answers')
  @SignedInPage('startup_member')
  async saveAnswers(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    const actor = request.actor!;
    const { application, challenge } = await this.load(actor, id);
    const form = formBody(request.body);
    const answers = answersFromForm(challenge.questions, form);
    try {
      const dto = await validated(UpdateApplicationDto, { answers });
      await this.updating.update(actor, application.id, dto, versionOf(form));
      await this.pages.redirect(
        reply,
        form.action === 'check' ? `/applications/${id}/check` : `/applications/${id}?saved=1`,
      );
    } catch (error) {
      if (!isFormProblem(error)) throw error;
      const t = this.pages.translator(request.locale);
      const errors = formErrors(error, this.fields(challenge), t);
      await this.pages.render(
        request,
        reply,
        'startup/answers',
        {
          ...this.model(application, challenge),
          values: Object.fromEntries(
            challenge.questions.map((q) => [q.key, form[answerId(q.key)] ?? '']),
          ),
          errors,
        },
        error.status,
      );
    }
  }

  @Get('applications/:id/check')
  @SignedInPage('startup_member')
  async checkPage(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    const { application, challenge } = await this.load(request.actor!, id);
    if (application.status !== 'draft') return this.pages.redirect(reply, `/applications/${id}`);
    await this.pages.render(request, reply, 'startup/check', this.model(application, challenge));
  }

  @Post('applications/:id/submit')
  @SignedInPage('startup_member')
  async submit(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    const actor = request.actor!;
    const { application, challenge } = await this.load(actor, id);
    const form = formBody(request.body);
    try {
      const dto = await validated(ApplicationTransitionDto, { to: 'submitted' });
      await this.moving.transition(actor, application.id, dto, versionOf(form));
      await this.pages.redirect(reply, `/applications/${id}/submitted`);
    } catch (error) {
      if (!isFormProblem(error)) throw error;
      const t = this.pages.translator(request.locale);
      const errors = formErrors(error, this.fields(challenge), t);
      // The summary's links go to the answers' page, where each answer is changed.
      errors.summary = errors.summary.map((e) => ({
        ...e,
        href: `/applications/${id}/answers${e.href}`,
      }));
      await this.pages.render(
        request,
        reply,
        'startup/check',
        { ...this.model(application, challenge), errors },
        error.status,
      );
    }
  }

  @Get('applications/:id/submitted')
  @SignedInPage('startup_member')
  async submitted(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    const { application, challenge } = await this.load(request.actor!, id);
    await this.pages.render(
      request,
      reply,
      'startup/submitted',
      this.model(application, challenge),
    );
  }

  @Get('applications/:id/withdraw')
  @SignedInPage('startup_member')
  async withdrawPage(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    const { application, challenge } = await this.load(request.actor!, id);
    await this.pages.render(request, reply, 'startup/withdraw', {
      ...this.model(application, challenge),
      values: { reason: '' },
    });
  }

  @Post('applications/:id/withdraw')
  @SignedInPage('startup_member')
  async withdraw(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    const actor = request.actor!;
    const { application, challenge } = await this.load(actor, id);
    const form = formBody(request.body);
    const reason = form.reason?.trim() ?? '';
    try {
      const dto = await validated(ApplicationTransitionDto, {
        to: 'withdrawn',
        ...(reason ? { reason } : {}),
      });
      await this.moving.transition(actor, application.id, dto, versionOf(form));
      await this.pages.redirect(reply, `/applications/${id}`);
    } catch (error) {
      if (!isFormProblem(error)) throw error;
      const t = this.pages.translator(request.locale);
      const errors = formErrors(
        error,
        [{ field: 'reason', id: 'reason', label: t('withdraw.reason') }],
        t,
      );
      await this.pages.render(
        request,
        reply,
        'startup/withdraw',
        { ...this.model(application, challenge), values: { reason }, errors },
        error.status,
      );
    }
  }

  /** The application (404 through the policy when it is not the caller's) and its challenge. */
  private async load(
    actor: Actor,
    id: string,
  ): Promise<{ application: ApplicationResponse; challenge: Challenge }> {
    const application = await this.reading.get(actor, uuidOrNotFound(id));
    const challenge = await this.challenges.get(actor, application.challengeId);
    return { application, challenge };
  }

  private fields(challenge: Challenge) {
    return challenge.questions.map((q) => ({
      field: `answers.${q.key}`,
      id: answerId(q.key),
      label: q.label,
    }));
  }

  private model(application: ApplicationResponse, challenge: Challenge) {
    return {
      application,
      challenge: {
        id: challenge.id,
        title: challenge.title,
        questions: challenge.questions.map((q) => ({ ...q, inputId: answerId(q.key) })),
        closesAt: challenge.round?.closesAt.toISOString() ?? null,
        timezone: challenge.round?.timezone ?? 'UTC',
      },
      canWithdraw: application.allowedTransitions.some((m) => m.to === 'withdrawn'),
      canSubmit: application.allowedTransitions.some((m) => m.to === 'submitted'),
      answerList: challenge.questions.map((q) => ({
        key: q.key,
        label: q.label,
        inputId: answerId(q.key),
        value: stringOf(application.answers[q.key]),
      })),
    };
  }
}

/** Where the programme has decided on the application (it is told, and may get feedback). */
const DECIDED: readonly string[] = ['selected', 'rejected', 'waitlisted', 'ineligible'];

function stringOf(value: string | number | null | undefined): string {
  return value === undefined || value === null ? '' : String(value);
}

/** The version the form was rendered from, sent back as If-Match is by API clients. */
function versionOf(form: Record<string, string>): number | undefined {
  const version = Number(form.version);
  return Number.isInteger(version) && version > 0 ? version : undefined;
}
