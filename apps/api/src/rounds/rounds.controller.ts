import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { mapPage, parseIfMatch } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import {
  CreateRoundDto,
  RoundPageView,
  RoundQueryDto,
  RoundTransitionDto,
  RoundTransitionsService,
  RoundView,
  RoundsService,
  UpdateRoundDto,
  UpdateRoundService,
} from '@catalyst/rounds';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles, SignedIn } from '../auth/route-policy.decorator';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The version you last read; 409 when the round has changed since',
};

@ApiTags('rounds')
@ApiBearerAuth()
@Controller('rounds')
export class RoundsController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly updates: UpdateRoundService,
    private readonly transitions: RoundTransitionsService,
  ) {}

  @Post()
  @Roles('programme_manager')
  @ApiOperation({
    summary: 'Create a round (programme manager)',
    description:
      'Starts in draft. `timezone` defaults to APP_TIMEZONE. 400 when closesAt is not after ' +
      'opensAt, the accelerator ends before it starts or starts before the call closes, or the ' +
      'time zone is not an IANA zone.',
  })
  @ApiCreatedResponse({ type: RoundView })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateRoundDto): Promise<RoundView> {
    return this.transitions.view(actor, await this.rounds.create(actor, body));
  }

  @Get()
  @SignedIn()
  @ApiOperation({
    summary: 'List rounds, newest open call first',
    description:
      'Rounds are not secret: any signed-in user may read them. Draft rounds are not announced ' +
      'yet and are listed only to programme managers and sponsors.',
  })
  @ApiOkResponse({ type: RoundPageView })
  async list(@CurrentActor() actor: Actor, @Query() query: RoundQueryDto): Promise<RoundPageView> {
    return mapPage(await this.rounds.list(actor, query), (r) => this.transitions.view(actor, r));
  }

  @Get(':id')
  @SignedIn()
  @ApiOperation({ summary: 'Read a round (404 for a draft round unless PM or sponsor)' })
  @ApiOkResponse({ type: RoundView })
  @ApiNotFoundResponse({ description: 'No such round, or not visible to you' })
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<RoundView> {
    return this.transitions.view(actor, await this.rounds.get(actor, id));
  }

  @Patch(':id')
  @Roles('programme_manager')
  @ApiOperation({
    summary: 'Edit a round (programme manager)',
    description:
      'Every moved date is audited (`round.date_moved`, from → to, with the reason). Once the ' +
      'round is open, moving opensAt or closesAt needs `reason` — without one the answer is ' +
      '422 — and closesAt cannot move into the past; after the open call has ended those dates ' +
      'no longer move (422). blindReview is settled before assessment. Completed and cancelled ' +
      'rounds do not change (422).',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: RoundView })
  @ApiConflictResponse({ description: 'If-Match is stale' })
  @ApiUnprocessableEntityResponse({ description: 'A date rule of the round’s state is broken' })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateRoundDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<RoundView> {
    return this.transitions.view(
      actor,
      await this.updates.update(actor, id, body, parseIfMatch(ifMatch)),
    );
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @Roles('programme_manager')
  @ApiOperation({
    summary: 'Move a round to another state (programme manager)',
    description:
      'draft → open → assessment → exploration → accelerator → completed; cancelled (with a ' +
      'reason) from any state before completed. Opening needs a closing time in the future. ' +
      'A move before its date (opening before opensAt, ending the call before closesAt, the ' +
      'accelerator before acceleratorStartsOn, completing before acceleratorEndsOn) needs a ' +
      '`reason` (422 `round.reason_required`); opening early moves opensAt to now and closing ' +
      'early moves closesAt to now (audited `round.date_moved`); `closedAt` records when the ' +
      'call ended. When the call ends (→ assessment) the round’s published challenges close; ' +
      'when the round is cancelled its live challenges are withdrawn. Audited as ' +
      '`round.<to>`. 409 lists the `allowed` targets; a stale If-Match is 409 ' +
      '`round.stale_version`.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: RoundView })
  @ApiConflictResponse({ description: 'Not allowed from the current state (see `allowed`)' })
  async transition(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RoundTransitionDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<RoundView> {
    return this.transitions.transition(actor, id, body, parseIfMatch(ifMatch));
  }
}
