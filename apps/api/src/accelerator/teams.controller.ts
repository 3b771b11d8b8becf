import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
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
import {
  CreateMilestoneDto,
  CreateProgressUpdateDto,
  ListTeamsQueryDto,
  MilestonePageView,
  MilestonePlanTransitionDto,
  MilestonePlanTransitionsService,
  MilestonePlanView,
  MilestoneView,
  MilestonesService,
  ProgressUpdatePageView,
  ProgressUpdateView,
  ProgressUpdatesService,
  TeamPageView,
  TeamQueryService,
  TeamView,
} from '@catalyst/accelerator';
import { PageQueryDto, parseIfMatch } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import { CurrentActor } from '../auth/current-actor.decorator';
import { SignedIn } from '../auth/route-policy.decorator';

@ApiTags('accelerator')
@ApiBearerAuth()
@Controller('teams')
export class TeamsController {
  constructor(
    private readonly teams: TeamQueryService,
    private readonly milestones: MilestonesService,
    private readonly plans: MilestonePlanTransitionsService,
    private readonly updates: ProgressUpdatesService,
  ) {}

  @Get()
  @SignedIn()
  @ApiOperation({
    summary: 'Teams you may see, oldest selection first',
    description:
      'Programme managers see every team; sponsors their organisations’ teams; startup ' +
      'members their company’s. `mine=true` keeps only your own (for startups and sponsors; a ' +
      'programme manager without such memberships gets an empty list). One query per page.',
  })
  @ApiOkResponse({ type: TeamPageView })
  list(@CurrentActor() actor: Actor, @Query() query: ListTeamsQueryDto): Promise<TeamPageView> {
    return this.teams.list(actor, query);
  }

  @Get(':id')
  @SignedIn()
  @ApiOperation({
    summary: 'The team at a glance',
    description:
      'Company, challenge, sponsor, plan state, milestones with `overdue` and payment status, ' +
      'payment totals (paid / payable / planned), the latest RAG and last update. The team, its ' +
      'sponsor organisation and programme managers; anyone else 404.',
  })
  @ApiOkResponse({ type: TeamView })
  @ApiNotFoundResponse({ description: 'No such team, or not visible to you' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<TeamView> {
    return this.teams.get(actor, id);
  }

  @Post(':id/plan/transitions')
  @HttpCode(200)
  @SignedIn()
  @ApiOperation({
    summary: 'Propose, agree or reopen the team’s milestone plan',
    description:
      'The team proposes (at least one milestone), the sponsor organisation agrees; either side ' +
      'reopens with a reason (a reopened plan is proposed and agreed again). A programme ' +
      'manager may act for either side, audited with `onBehalfOf`. If-Match carries the plan’s ' +
      'version, which moves with every change to its milestones.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The plan version you agree' })
  @ApiOkResponse({ type: MilestonePlanView })
  @ApiConflictResponse({ description: 'Not allowed from the current state, or stale version' })
  @ApiForbiddenResponse({ description: 'Not your side’s move' })
  transitionPlan(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MilestonePlanTransitionDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<MilestonePlanView> {
    return this.plans.transition(actor, id, body, parseIfMatch(ifMatch));
  }

  @Post(':id/milestones')
  @SignedIn()
  @ApiOperation({
    summary: 'Add a milestone to the team’s plan',
    description:
      'The team, its sponsor or a programme manager. The payment is in the programme’s ' +
      'currency (422 otherwise). Once the plan is agreed, the team cannot add (409 ' +
      '`milestone.plan_agreed`: reopen the plan); the sponsor can; a programme manager can with ' +
      'a `reason` (422 without), audited as acting for the sponsor.',
  })
  @ApiCreatedResponse({ type: MilestoneView })
  @ApiNotFoundResponse({ description: 'No such team, or not visible to you' })
  @ApiConflictResponse({ description: 'The plan is agreed' })
  createMilestone(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateMilestoneDto,
  ): Promise<MilestoneView> {
    return this.milestones.create(actor, id, body);
  }

  @Get(':id/milestones')
  @SignedIn()
  @ApiOperation({
    summary: 'The team’s milestones by due date, each with its derived `overdue`',
  })
  @ApiOkResponse({ type: MilestonePageView })
  @ApiNotFoundResponse({ description: 'No such team, or not visible to you' })
  listMilestones(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: PageQueryDto,
  ): Promise<MilestonePageView> {
    return this.milestones.list(actor, id, query);
  }

  @Post(':id/updates')
  @SignedIn()
  @ApiOperation({
    summary: 'Log the team’s progress (team members)',
    description:
      'RAG status, summary, blockers, asks for help and evidence links, for a sprint of the ' +
      'round: the one covering today (round’s zone) unless `sprintId` is given (422 when none ' +
      'does). The author may edit it for 24 hours; after that it is final (correct it with a ' +
      'new entry). The sponsor and programme managers read it; other teams never.',
  })
  @ApiCreatedResponse({ type: ProgressUpdateView })
  @ApiForbiddenResponse({ description: 'Not a member of the team' })
  createUpdate(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateProgressUpdateDto,
  ): Promise<ProgressUpdateView> {
    return this.updates.create(actor, id, body);
  }

  @Get(':id/updates')
  @SignedIn()
  @ApiOperation({ summary: 'The team’s progress log, newest first' })
  @ApiOkResponse({ type: ProgressUpdatePageView })
  @ApiNotFoundResponse({ description: 'No such team, or not visible to you' })
  listUpdates(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: PageQueryDto,
  ): Promise<ProgressUpdatePageView> {
    return this.updates.list(actor, id, query);
  }
}
