import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ListTeamsQueryDto, TeamQueryService } from '@catalyst/accelerator';
import { ApplicationQueryService, ListApplicationsQueryDto } from '@catalyst/applications';
import { NotFoundError } from '@catalyst/common';
import { Actor, OrganisationDirectory } from '@catalyst/identity';
import {
  Challenge,
  ChallengeQueryDto,
  ChallengeTransitionDto,
  ChallengeTransitionsService,
  ChallengesService,
  CreateChallengeDto,
  RoundQueryDto,
  RoundsService,
  UpdateChallengeDto,
  UpdateChallengeService,
} from '@catalyst/rounds';
import { uuidOrNotFound } from '../portal/portal.controller';
import { formBody, validated } from '../rendering/form-input';
import { FormAgain, submitForm } from '../rendering/form-submission';
import { funnelChart } from '../rendering/funnel-chart';
import { PageRenderer } from '../rendering/page-renderer';
import { SignedInPage } from '../session/page-access.decorator';
import { WebReply, WebRequest } from '../session/web-request';
import { reasonOf, versionOf } from '../manage/form-values';
import {
  CURRENCIES,
  ChallengeForm,
  blankForm,
  challengeBody,
  challengeFields,
  errorsByInput,
  formOf,
  readForm,
  rearranged,
} from './challenge-builder';

/** Rounds a sponsor may still propose a challenge into (as the domain accepts them). */
const TAKING_CHALLENGES = ['draft', 'open'];

/**
 * The sponsor's console: its challenges (drafted, proposed and edited while the domain allows,
 * with the question and rubric builder), the applications to them as the policy shows them,
 * its teams, and links to its panel work and its digest.
 */
@Controller('sponsor')
export class SponsorChallengesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly rounds: RoundsService,
    private readonly challenges: ChallengesService,
    private readonly updates: UpdateChallengeService,
    private readonly moves: ChallengeTransitionsService,
    private readonly applications: ApplicationQueryService,
    private readonly teams: TeamQueryService,
    private readonly organisations: OrganisationDirectory,
  ) {}

  @Get()
  @SignedInPage('sponsor')
  async home(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const actor = request.actor!;
    const sponsorIds = actor.organisationIds('sponsor');
    const [challenges, teams] = await Promise.all([
      Promise.all(
        sponsorIds.map(async (sponsorOrganisationId) =>
          (
            await this.challenges.list(
              actor,
              await validated(ChallengeQueryDto, { sponsorOrganisationId, limit: 100 }),
            )
          ).items.map((c) => this.moves.view(actor, c)),
        ),
      ),
      this.teams.list(actor, await validated(ListTeamsQueryDto, { mine: 'true', limit: 100 })),
    ]);
    await this.pages.render(request, reply, 'sponsor/home', {
      challenges: challenges.flat(),
      teams: teams.items,
      assessor: actor.hasRole('assessor'),
    });
  }

  @Get('challenges/new')
  @SignedInPage('sponsor')
  async newChallenge(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    await this.renderForm(request, reply, { form: blankForm(), values: {} });
  }

  @Post('challenges')
  @SignedInPage('sponsor')
  async create(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const actor = request.actor!;
    const posted = formBody(request.body);
    const form = readForm(posted);
    const changed = rearranged(form, posted.action);
    if (changed) {
      await this.renderForm(request, reply, {
        form: changed,
        values: posted,
        focus: posted.action,
      });
      return;
    }
    await submitForm(this.pages, request, reply, {
      fields: (t) => [
        { field: 'roundId', id: 'roundId', label: t('sponsorConsole.form.round') },
        { field: 'sponsorOrganisationId', id: 'roundId', label: t('sponsorConsole.form.sponsor') },
        ...challengeFields(form, t),
      ],
      act: async () => {
        const roundId = uuidOrNotFound(posted.roundId ?? '');
        const dto = await validated(CreateChallengeDto, {
          sponsorOrganisationId: posted.sponsorOrganisationId ?? '',
          ...challengeBody(form),
        });
        const challenge = await this.challenges.create(actor, roundId, dto);
        if (posted.action === 'propose') {
          await this.moves.transition(actor, challenge.id, { to: 'submitted' }, challenge.version);
          return `/sponsor/challenges/${challenge.id}?moved=submitted`;
        }
        return `/sponsor/challenges/${challenge.id}?saved=1`;
      },
      again: (shown, status) =>
        this.renderForm(
          request,
          reply,
          { form, ...shown, byInput: this.byInput(request, form, shown) },
          status,
        ),
    });
  }

  @Get('challenges/:id')
  @SignedInPage('sponsor')
  async challenge(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id') id: string) {
    await this.renderChallenge(request, reply, await this.owned(request.actor!, id));
  }

  @Get('challenges/:id/edit')
  @SignedInPage('sponsor')
  async edit(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id') id: string) {
    const challenge = await this.owned(request.actor!, id);
    await this.renderForm(request, reply, { form: formOf(challenge), values: {}, challenge });
  }

  @Post('challenges/:id')
  @SignedInPage('sponsor')
  async update(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id') id: string) {
    const actor = request.actor!;
    const challenge = await this.owned(actor, id);
    const posted = formBody(request.body);
    const form = readForm(posted);
    const changed = rearranged(form, posted.action);
    if (changed) {
      await this.renderForm(request, reply, {
        form: changed,
        values: posted,
        challenge,
        focus: posted.action,
      });
      return;
    }
    await submitForm(this.pages, request, reply, {
      fields: (t) => challengeFields(form, t),
      act: async () => {
        const dto = await validated(UpdateChallengeDto, challengeBody(form));
        await this.updates.update(actor, challenge.id, dto, versionOf(posted));
        return `/sponsor/challenges/${challenge.id}?saved=1`;
      },
      again: (shown, status) =>
        this.renderForm(
          request,
          reply,
          { form, ...shown, challenge, byInput: this.byInput(request, form, shown) },
          status,
        ),
    });
  }

  @Post('challenges/:id/move')
  @SignedInPage('sponsor')
  async move(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id') id: string) {
    const actor = request.actor!;
    const challenge = await this.owned(actor, id);
    await submitForm(this.pages, request, reply, {
      fields: (t) => [{ field: 'reason', id: 'reason', label: t('round.field.reason') }],
      act: async (form) => {
        const dto = await validated(ChallengeTransitionDto, {
          to: form.to ?? '',
          ...reasonOf(form),
        });
        await this.moves.transition(actor, challenge.id, dto, versionOf(form));
        return `/sponsor/challenges/${challenge.id}?moved=${dto.to}`;
      },
      again: (shown, status) => this.renderChallenge(request, reply, challenge, shown, status),
    });
  }

  private byInput(request: WebRequest, form: ChallengeForm, shown: FormAgain) {
    return errorsByInput(
      shown.errors,
      challengeFields(form, this.pages.translator(request.locale)),
    );
  }

  /** A challenge of one of the sponsor's organisations; anyone else's is not found. */
  private async owned(actor: Actor, id: string): Promise<Challenge> {
    const challenge = await this.challenges.get(actor, uuidOrNotFound(id));
    if (!actor.hasRole('sponsor', challenge.sponsorOrganisationId))
      throw new NotFoundError('Challenge', challenge.id);
    return challenge;
  }

  private async renderChallenge(
    request: WebRequest,
    reply: WebReply,
    challenge: Challenge,
    extra: Partial<FormAgain> = {},
    status = 200,
  ) {
    const actor = request.actor!;
    const view = this.moves.view(actor, challenge);
    const applications =
      challenge.status === 'draft'
        ? []
        : (
            await this.applications.list(
              actor,
              await validated(ListApplicationsQueryDto, { challengeId: challenge.id, limit: 100 }),
            )
          ).items;
    const query = request.query as Record<string, string>;
    await this.pages.render(
      request,
      reply,
      'sponsor/challenge',
      {
        challenge: view,
        moves: view.allowedTransitions,
        editable: ['draft', 'submitted'].includes(challenge.status),
        applications,
        funnel: await funnelChart(this.pages.translator(request.locale), applications),
        notice: query.saved ? 'saved' : query.moved ? 'moved' : null,
        moved: query.moved,
        values: {},
        ...extra,
      },
      status,
    );
  }

  private async renderForm(
    request: WebRequest,
    reply: WebReply,
    data: Partial<FormAgain> & {
      form: ChallengeForm;
      challenge?: Challenge;
      focus?: string;
      byInput?: Record<string, { text: string }>;
    },
    status = 200,
  ) {
    const actor = request.actor!;
    const rounds = data.challenge
      ? []
      : (
          await this.rounds.list(actor, await validated(RoundQueryDto, { limit: 100 }))
        ).items.filter((r) => TAKING_CHALLENGES.includes(r.status));
    const query = request.query as Record<string, string>;
    await this.pages.render(
      request,
      reply,
      'sponsor/challenge-form',
      {
        rounds,
        sponsors: await this.organisations.named(actor.organisationIds('sponsor')),
        currencies: CURRENCIES,
        values: { roundId: query.roundId ?? '', ...data.values },
        ...data,
      },
      status,
    );
  }
}
