import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  GenerateSprintsDto,
  RoundProgressService,
  RoundProgressView,
  SprintCalendarView,
  SprintsService,
} from '@catalyst/accelerator';
import type { Actor } from '@catalyst/identity';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles, SignedIn } from '../auth/route-policy.decorator';

@ApiTags('accelerator')
@ApiBearerAuth()
@Controller('rounds/:roundId')
export class RoundAcceleratorController {
  constructor(
    private readonly sprints: SprintsService,
    private readonly progress: RoundProgressService,
  ) {}

  @Post('sprints')
  @Roles('programme_manager')
  @ApiOperation({
    summary: 'Generate the round’s sprint calendar (programme manager)',
    description:
      'Numbered sprints of `lengthDays` calendar days from acceleratorStartsOn to ' +
      'acceleratorEndsOn, dates in the round’s time zone; the last sprint ends on the last day ' +
      'and may be shorter. Replaces the previous calendar until a milestone or progress update ' +
      'points at one of its sprints: then 409 `sprint.in_use`, whose `usedBy` names them. ' +
      'Refused (422) for a completed or cancelled round. Audited as `round.sprints_generated`.',
  })
  @ApiCreatedResponse({ type: SprintCalendarView })
  @ApiForbiddenResponse({ description: 'Not a programme manager of the round' })
  @ApiConflictResponse({ description: 'The calendar is in use (`usedBy`)' })
  generate(
    @CurrentActor() actor: Actor,
    @Param('roundId', ParseUUIDPipe) roundId: string,
    @Body() body: GenerateSprintsDto,
  ): Promise<SprintCalendarView> {
    return this.sprints.generate(actor, roundId, body.lengthDays);
  }

  @Get('sprints')
  @SignedIn()
  @ApiOperation({
    summary: 'The round’s sprint calendar, with today’s sprint and demo day',
    description: 'Whoever may see the round. Empty until a programme manager generates it.',
  })
  @ApiOkResponse({ type: SprintCalendarView })
  @ApiNotFoundResponse({ description: 'No such round, or not visible to you' })
  calendar(
    @CurrentActor() actor: Actor,
    @Param('roundId', ParseUUIDPipe) roundId: string,
  ): Promise<SprintCalendarView> {
    return this.sprints.calendar(actor, roundId);
  }

  @Get('progress')
  @SignedIn()
  @ApiOperation({
    summary: 'Every team of the round at once: milestones, overdue, latest RAG, payments',
    description:
      'Per team: milestones accepted and total, overdue (due before today in the round’s time ' +
      'zone and not accepted), plan state, latest RAG and when it was logged, and payments ' +
      'paid / payable / planned per currency. Programme managers see every team; sponsors ' +
      'their own teams; startup members their own team. A fixed number of queries whatever ' +
      'the number of teams.',
  })
  @ApiOkResponse({ type: RoundProgressView })
  @ApiNotFoundResponse({ description: 'No such round, or not visible to you' })
  roundProgress(
    @CurrentActor() actor: Actor,
    @Param('roundId', ParseUUIDPipe) roundId: string,
  ): Promise<RoundProgressView> {
    return this.progress.progress(actor, roundId);
  }
}
