import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import {
  AssessmentQueryService,
  AssessmentTransitionDto,
  AssessmentTransitionsService,
  AssessmentView,
  ListAssessmentsQuery,
  SaveScoresDto,
  ScoringService,
} from '@catalyst/assessment';
import { ValidationFailedError } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import { ChallengesService } from '@catalyst/rounds';
import { formErrors, isFormProblem } from '../errors/form-errors';
import { uuidOrNotFound } from '../portal/portal.controller';
import { formBody, validated } from '../rendering/form-input';
import { PageRenderer } from '../rendering/page-renderer';
import { SignedInPage } from '../session/page-access.decorator';
import { WebReply, WebRequest } from '../session/web-request';

const scoreId = (key: string) => `score-${key}`;

/**
 * An assessor's work: their assessments (to do, done, progress), the scoring page — the
 * application as the assessment library's reader shows it to them (a blind round withholds the
 * company) — submitting with a check, and declaring a conflict with a reason.
 */
@Controller('assessments')
export class AssessorController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly queries: AssessmentQueryService,
    private readonly scoring: ScoringService,
    private readonly transitions: AssessmentTransitionsService,
    private readonly challenges: ChallengesService,
  ) {}

  @Get()
  @SignedInPage('assessor')
  async list(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const actor = request.actor!;
    const page = await this.queries.list(
      actor,
      await validated(ListAssessmentsQuery, { mine: true, limit: 100 }),
    );
    const titles = await this.challengeTitles(
      actor,
      page.items.map((a) => a.challengeId),
    );
    const items = page.items.map((a) => ({ ...a, challengeTitle: titles.get(a.challengeId) }));
    const done = items.filter((a) => a.status !== 'assigned');
    await this.pages.render(request, reply, 'assessor/assessments', {
      toDo: items.filter((a) => a.status === 'assigned'),
      done,
      progress: { done: done.length, total: items.length },
    });
  }

  @Get(':id')
  @SignedInPage('assessor')
  async scoringPage(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    const assessment = await this.queries.get(request.actor!, uuidOrNotFound(id));
    await this.pages.render(request, reply, 'assessor/score', {
      ...this.model(assessment),
      values: this.values(assessment),
      saved: (request.query as Record<string, string>).saved === '1',
    });
  }

  @Post(':id')
  @SignedInPage('assessor')
  async save(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    const actor = request.actor!;
    const assessment = await this.queries.get(actor, uuidOrNotFound(id));
    const form = formBody(request.body);
    const scores: Record<string, number> = {};
    const unreadable: string[] = [];
    for (const c of assessment.rubric) {
      const raw = form[scoreId(c.key)]?.trim();
      if (!raw) continue;
      if (/^\d+(\.\d+)?$/.test(raw)) scores[c.key] = Number(raw);
      else unreadable.push(c.key);
    }
    const t = this.pages.translator(request.locale);
    try {
      if (unreadable.length) {
        // Not a number at all: say so for each, as the domain does for a score out of range.
        throw new ValidationFailedError(
          'Scores must be numbers.',
          unreadable.map((key) => ({ field: `scores.${key}`, message: 'must be a number' })),
        );
      }
      const comment = form.comment?.trim() ? form.comment : null;
      const dto = await validated(SaveScoresDto, { scores, comment });
      await this.scoring.save(actor, assessment.id, dto, versionOf(form));
      await this.pages.redirect(
        reply,
        form.action === 'check' ? `/assessments/${id}/check` : `/assessments/${id}?saved=1`,
      );
    } catch (error) {
      if (!isFormProblem(error)) throw error;
      const errors = formErrors(error, this.fields(assessment), t);
      await this.pages.render(
        request,
        reply,
        'assessor/score',
        {
          ...this.model(assessment),
          values: {
            comment: form.comment ?? '',
            scores: Object.fromEntries(
              assessment.rubric.map((c) => [c.key, form[scoreId(c.key)] ?? '']),
            ),
          },
          errors,
        },
        error.status,
      );
    }
  }

  @Get(':id/check')
  @SignedInPage('assessor')
  async checkPage(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    const assessment = await this.queries.get(request.actor!, uuidOrNotFound(id));
    await this.pages.render(request, reply, 'assessor/check', this.model(assessment));
  }

  @Post(':id/submit')
  @SignedInPage('assessor')
  async submit(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    const actor = request.actor!;
    const assessment = await this.queries.get(actor, uuidOrNotFound(id));
    const form = formBody(request.body);
    try {
      const dto = await validated(AssessmentTransitionDto, { to: 'submitted' });
      await this.transitions.transition(actor, assessment.id, dto, versionOf(form));
      await this.pages.redirect(reply, '/assessments?submitted=1');
    } catch (error) {
      if (!isFormProblem(error)) throw error;
      const t = this.pages.translator(request.locale);
      const errors = formErrors(error, this.fields(assessment), t);
      errors.summary = errors.summary.map((e) => ({ ...e, href: `/assessments/${id}${e.href}` }));
      await this.pages.render(
        request,
        reply,
        'assessor/check',
        { ...this.model(assessment), errors },
        error.status,
      );
    }
  }

  @Get(':id/conflict')
  @SignedInPage('assessor')
  async conflictPage(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    const assessment = await this.queries.get(request.actor!, uuidOrNotFound(id));
    await this.pages.render(request, reply, 'assessor/conflict', {
      ...this.model(assessment),
      values: { reason: '' },
    });
  }

  @Post(':id/conflict')
  @SignedInPage('assessor')
  async declareConflict(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    const actor = request.actor!;
    const assessment = await this.queries.get(actor, uuidOrNotFound(id));
    const form = formBody(request.body);
    const reason = form.reason?.trim() ?? '';
    try {
      const dto = await validated(AssessmentTransitionDto, {
        to: 'conflicted',
        ...(reason ? { reason } : {}),
      });
      await this.transitions.transition(actor, assessment.id, dto, versionOf(form));
      await this.pages.redirect(reply, '/assessments?conflicted=1');
    } catch (error) {
      if (!isFormProblem(error)) throw error;
      const t = this.pages.translator(request.locale);
      const errors = formErrors(
        error,
        [{ field: 'reason', id: 'reason', label: t('conflict.reason') }],
        t,
      );
      await this.pages.render(
        request,
        reply,
        'assessor/conflict',
        { ...this.model(assessment), values: { reason }, errors },
        error.status,
      );
    }
  }

  /** One query per challenge on the page (an assessor's list spans few challenges). */
  private async challengeTitles(actor: Actor, ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    const challenges = await Promise.all(unique.map((id) => this.challenges.get(actor, id)));
    return new Map(challenges.map((c) => [c.id, c.title]));
  }

  private fields(assessment: AssessmentView) {
    return [
      ...assessment.rubric.map((c) => ({
        field: `scores.${c.key}`,
        id: scoreId(c.key),
        label: c.label,
      })),
      { field: 'scores', id: scoreId(assessment.rubric[0]?.key ?? ''), label: '' },
      { field: 'comment', id: 'comment', label: 'comment' },
    ];
  }

  private values(a: AssessmentView) {
    return {
      comment: a.comment ?? '',
      scores: Object.fromEntries(
        a.rubric.map((c) => [c.key, a.scores[c.key] === undefined ? '' : String(a.scores[c.key])]),
      ),
    };
  }

  private model(a: AssessmentView) {
    return {
      assessment: {
        ...a,
        rubric: a.rubric.map((c) => ({ ...c, inputId: scoreId(c.key) })),
      },
      canScore: a.status === 'assigned',
      canSubmit: a.allowedTransitions.some((m) => m.to === 'submitted'),
      canDeclareConflict: a.allowedTransitions.some((m) => m.to === 'conflicted'),
    };
  }
}

function versionOf(form: Record<string, string>): number | undefined {
  const version = Number(form.version);
  return Number.isInteger(version) && version > 0 ? version : undefined;
}
