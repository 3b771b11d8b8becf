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
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { mapPage, parseIfMatch } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import {
  ChallengePageView,
  ChallengeQueryDto,
  ChallengeTransitionDto,
  ChallengeTransitionsService,
  ChallengeView,
  ChallengesService,
  CreateChallengeDto,
  UpdateChallengeDto,
  UpdateChallengeService,
} from '@catalyst/rounds';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles, SignedIn } from '../auth/route-policy.decorator';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The version you last read; 409 when the challenge has changed since',
};

@ApiTags('challenges')
@ApiBearerAuth()
@Controller()
export class ChallengesController {
  constructor(
    private readonly challenges: ChallengesService,
    private readonly updates: UpdateChallengeService,
    private readonly transitions: ChallengeTransitionsService,
  ) {}

  @Post('rounds/:roundId/challenges')
  @Roles('sponsor', 'programme_manager')
  @ApiOperation({
    summary: 'Propose a challenge in a round (its sponsor organisation, or a programme manager)',
    description:
      'Starts in draft; the round must be draft or open (422). Questions: at least one, keys ' +
      'unique, choice questions need distinct options, only text questions take maxLength ' +
      '(5000 when omitted). Rubric: at least one criterion, keys unique, weight > 0, ' +
      'maxScore > 0. Budget stages share one currency. 403 when you are not a sponsor of ' +
      'sponsorOrganisationId.',
  })
  @ApiCreatedResponse({ type: ChallengeView })
  @ApiForbiddenResponse({ description: 'Not a sponsor of that organisation' })
  async create(
    @CurrentActor() actor: Actor,
    @Param('roundId', ParseUUIDPipe) roundId: string,
    @Body() body: CreateChallengeDto,
  ): Promise<ChallengeView> {
    return this.transitions.view(actor, await this.challenges.create(actor, roundId, body));
  }

  @Get('challenges')
  @SignedIn()
  @ApiOperation({
    summary: 'List and search challenges, newest first',
    description:
      'Programme managers see every challenge; sponsors their own organisation’s in every ' +
      'state plus published and closed ones; everyone else published and closed ones of ' +
      'announced rounds. `q` is PostgreSQL full-text search (English stemming) over title, ' +
      'summary and problem statement. One SQL query per page.',
  })
  @ApiOkResponse({ type: ChallengePageView })
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: ChallengeQueryDto,
  ): Promise<ChallengePageView> {
    return mapPage(await this.challenges.list(actor, query), (c) =>
      this.transitions.view(actor, c),
    );
  }

  @Get('challenges/:id')
  @SignedIn()
  @ApiOperation({ summary: 'Read a challenge (404 when not visible to you)' })
  @ApiOkResponse({ type: ChallengeView })
  @ApiNotFoundResponse({ description: 'No such challenge, or not visible to you' })
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ChallengeView> {
    return this.transitions.view(actor, await this.challenges.get(actor, id));
  }

  @Patch('challenges/:id')
  @Roles('sponsor', 'programme_manager')
  @ApiOperation({
    summary: 'Edit a challenge',
    description:
      'Its sponsor while draft or submitted (403 after), a programme manager until it is ' +
      'closed or withdrawn (409 then). Changing questions or rubric once the challenge has ' +
      'applications (drafts included, withdrawn ones not) is refused with 409. Changes are ' +
      'audited field by field.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ChallengeView })
  @ApiConflictResponse({ description: 'Stale If-Match, final state, or frozen questions/rubric' })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateChallengeDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<ChallengeView> {
    return this.transitions.view(
      actor,
      await this.updates.update(actor, id, body, parseIfMatch(ifMatch)),
    );
  }

  @Post('challenges/:id/transitions')
  @HttpCode(200)
  @Roles('sponsor', 'programme_manager')
  @ApiOperation({
    summary: 'Move a challenge to another state',
    description:
      'Sponsors submit their drafts (and pull them back); programme managers approve, publish ' +
      '(only while the round is draft or open; sets publishedAt), close, or send back to draft ' +
      'with a reason; either withdraws with a reason. 409 lists the `allowed` targets; 403 ' +
      'when your role may not make the move.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ChallengeView })
  @ApiConflictResponse({ description: 'Not allowed from the current state (see `allowed`)' })
  async transition(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ChallengeTransitionDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<ChallengeView> {
    return this.transitions.transition(actor, id, body, parseIfMatch(ifMatch));
  }
}
