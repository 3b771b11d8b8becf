import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  AssignmentRunView,
  AssignmentService,
  BulkAssignmentDto,
  BulkAssignmentView,
  RunAssignmentDto,
  StageQuery,
} from '@catalyst/assessment';
import type { Actor } from '@catalyst/identity';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/route-policy.decorator';

@ApiTags('assessment')
@ApiBearerAuth()
@Roles('programme_manager')
@Controller('challenges/:id/assignments')
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentService) {}

  @Post()
  @ApiOperation({
    summary: 'Spread applications over the panel (programme manager)',
    description:
      'For one stage (`?stage=`, the first when not given): its panel, and its applications ' +
      '(a later stage’s are those entered into it). ' +
      'Every submitted (or later-stage, not withdrawn or ineligible) application is topped up ' +
      'to `perApplication` distinct assessors; conflicted assessments do not count and their ' +
      'pair is never re-created. Never assigns an assessor to a company they declared a ' +
      'conflict with or belong to, nor any application to a competitor (a member of a company ' +
      'that applied to this challenge); a competitor’s existing assessments here become ' +
      '`conflicted` first (audited), so the run refills them. Loads are spread greedily (least-loaded first, most constrained ' +
      'application first, then rebalanced): with no conflicts each assessor’s load differs by ' +
      'at most one. Re-running adds only what is missing. Applications left short because too ' +
      'few members are eligible are listed in `shortfalls`. 422 when the panel has fewer ' +
      'active members than `perApplication`. Answers the assignments created.',
  })
  @ApiCreatedResponse({ type: AssignmentRunView })
  @ApiUnprocessableEntityResponse({ description: 'Panel empty or smaller than perApplication' })
  run(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RunAssignmentDto,
    @Query() query: StageQuery,
  ): Promise<AssignmentRunView> {
    return this.assignments.run(actor, id, body.perApplication, query.stage);
  }

  @Post('bulk')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Edit assignments by hand (programme manager)',
    description:
      'All or nothing. `add` pairs a panel member with an assessable application of this ' +
      'challenge (422 `assignment.rules_broken` when not, or when the assessor declared a ' +
      'conflict with or belongs to the company; 422 `assignment.competitor` when the assessor ' +
      'belongs to a company that applied to this challenge; 409 when already assigned). `remove` takes back open assignments (409 for submitted or ' +
      'conflicted ones, 422 when no such assignment). Each change is audited.',
  })
  @ApiOkResponse({ type: BulkAssignmentView })
  @ApiConflictResponse({ description: 'Already assigned, or not open any more' })
  @ApiUnprocessableEntityResponse({ description: 'A pair breaks an assignment rule' })
  bulk(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: BulkAssignmentDto,
    @Query() query: StageQuery,
  ): Promise<BulkAssignmentView> {
    return this.assignments.bulk(actor, id, body, query.stage);
  }
}
