import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import {
  ChallengeQueryDto,
  ChallengesService,
  CreateRoundDto,
  Round,
  RoundTransitionDto,
  RoundTransitionsService,
  RoundsService,
  UpdateRoundDto,
  UpdateRoundService,
} from '@catalyst/rounds';
import { uuidOrNotFound } from '../portal/portal.controller';
import { validated } from '../rendering/form-input';
import { submitForm } from '../rendering/form-submission';
import { PageRenderer, Translate } from '../rendering/page-renderer';
import { SignedInPage } from '../session/page-access.decorator';
import { WebReply, WebRequest } from '../session/web-request';
import { instantIn, localParts, reasonOf, versionOf } from './form-values';

const ROUND_FIELDS = [
  'name',
  'timezone',
  'opensAt',
  'closesAt',
  'acceleratorStartsOn',
  'acceleratorEndsOn',
  'demoDayOn',
  'blindReview',
  'reason',
] as const;

/** The form's field for each of the round's problems (dates are typed as date and time). */
function roundFields(t: Translate) {
  const id = (f: string) => (f === 'opensAt' || f === 'closesAt' ? `${f}-date` : f);
  return ROUND_FIELDS.map((field) => ({ field, id: id(field), label: t(`round.field.${field}`) }));
}

/**
 * Setting a round up and running its life cycle: the dates in the round's own zone, the moves
 * the manager may make now (a reason asked for where the domain needs one: cancelling, moving
 * early, moving the call's dates once it is open), and its challenges.
 */
@Controller('manage/rounds')
export class ManageRoundsController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly rounds: RoundsService,
    private readonly updates: UpdateRoundService,
    private readonly transitions: RoundTransitionsService,
    private readonly challenges: ChallengesService,
  ) {}

  @Get('new')
  @SignedInPage('programme_manager')
  async newRound(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    await this.pages.render(request, reply, 'manage/round-form', {
      values: { timezone: 'Europe/London', opensAtTime: '09:00', closesAtTime: '12:00' },
    });
  }

  @Post()
  @SignedInPage('programme_manager')
  async create(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    await submitForm(this.pages, request, reply, {
      fields: roundFields,
      act: async (form) => {
        const zone = form.timezone?.trim() || 'Europe/London';
        const dto = await validated(CreateRoundDto, {
          name: form.name ?? '',
          timezone: zone,
          opensAt: instantIn(form.opensAtDate, form.opensAtTime, zone),
          closesAt: instantIn(form.closesAtDate, form.closesAtTime, zone),
          acceleratorStartsOn: form.acceleratorStartsOn?.trim() ?? '',
          acceleratorEndsOn: form.acceleratorEndsOn?.trim() ?? '',
          ...(form.demoDayOn?.trim() ? { demoDayOn: form.demoDayOn.trim() } : {}),
          blindReview: form.blindReview === 'yes',
        });
        const round = await this.rounds.create(request.actor!, dto);
        return `/manage/rounds/${round.id}?created=1`;
      },
      again: (shown, status) =>
        this.pages.render(request, reply, 'manage/round-form', shown, status),
    });
  }

  @Get(':id')
  @SignedInPage('programme_manager')
  async round(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    await this.renderRound(
      request,
      reply,
      await this.rounds.get(request.actor!, uuidOrNotFound(id)),
    );
  }

  @Post(':id/move')
  @SignedInPage('programme_manager')
  async move(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    const actor = request.actor!;
    const round = await this.rounds.get(actor, uuidOrNotFound(id));
    await submitForm(this.pages, request, reply, {
      fields: (t) => [{ field: 'reason', id: 'reason', label: t('round.field.reason') }],
      act: async (form) => {
        const dto = await validated(RoundTransitionDto, { to: form.to ?? '', ...reasonOf(form) });
        await this.transitions.transition(actor, round.id, dto, versionOf(form));
        return `/manage/rounds/${round.id}?moved=${dto.to}`;
      },
      again: (shown, status) => this.renderRound(request, reply, round, shown, status),
    });
  }

  @Get(':id/dates')
  @SignedInPage('programme_manager')
  async datesPage(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    const round = await this.rounds.get(request.actor!, uuidOrNotFound(id));
    const opens = localParts(round.opensAt, round.timezone);
    const closes = localParts(round.closesAt, round.timezone);
    await this.pages.render(request, reply, 'manage/round-dates', {
      round,
      values: {
        opensAtDate: opens.date,
        opensAtTime: opens.time,
        closesAtDate: closes.date,
        closesAtTime: closes.time,
        reason: '',
      },
      askReason: round.status !== 'draft',
    });
  }

  @Post(':id/dates')
  @SignedInPage('programme_manager')
  async moveDates(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    const actor = request.actor!;
    const round = await this.rounds.get(actor, uuidOrNotFound(id));
    await submitForm(this.pages, request, reply, {
      fields: roundFields,
      act: async (form) => {
        const dto = await validated(UpdateRoundDto, {
          opensAt: instantIn(form.opensAtDate, form.opensAtTime, round.timezone),
          closesAt: instantIn(form.closesAtDate, form.closesAtTime, round.timezone),
          ...reasonOf(form),
        });
        // Only what changed: an unchanged date is no move and needs no reason.
        if (dto.opensAt && new Date(dto.opensAt).getTime() === round.opensAt.getTime())
          delete dto.opensAt;
        if (dto.closesAt && new Date(dto.closesAt).getTime() === round.closesAt.getTime())
          delete dto.closesAt;
        await this.updates.update(actor, round.id, dto, versionOf(form));
        return `/manage/rounds/${round.id}?dates=1`;
      },
      again: (shown, status) =>
        this.pages.render(
          request,
          reply,
          'manage/round-dates',
          { round, askReason: round.status !== 'draft', ...shown },
          status,
        ),
    });
  }

  private async renderRound(
    request: WebRequest,
    reply: WebReply,
    round: Round,
    extra: Record<string, unknown> = {},
    status = 200,
  ): Promise<void> {
    const actor = request.actor!;
    const view = this.transitions.view(actor, round);
    const challenges = (
      await this.challenges.list(
        actor,
        await validated(ChallengeQueryDto, { roundId: round.id, limit: 100 }),
      )
    ).items;
    const query = request.query as Record<string, string>;
    await this.pages.render(
      request,
      reply,
      'manage/round',
      {
        round: view,
        moves: view.allowedTransitions,
        challenges,
        notice: query.created ? 'created' : query.moved ? 'moved' : query.dates ? 'dates' : null,
        values: {},
        ...extra,
      },
      status,
    );
  }
}
