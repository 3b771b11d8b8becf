import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  AssessmentPageView,
  AssessmentQueryService,
  AssessmentTransitionDto,
  AssessmentTransitionsService,
  AssessmentView,
  ListAssessmentsQuery,
  SaveScoresDto,
  ScoringService,
} from '@catalyst/assessment';
import { parseIfMatch } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import { CurrentActor } from '../auth/current-actor.decorator';
import { SignedIn } from '../auth/route-policy.decorator';

@ApiTags('assessment')
@ApiBearerAuth()
@SignedIn()
@Controller('assessments')
export class AssessmentsController {
  constructor(
    private readonly queries: AssessmentQueryService,
    private readonly scoring: ScoringService,
    private readonly transitions: AssessmentTransitionsService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'List assessments, newest first',
    description:
      'Assessors see only their own (as with `mine=true`); programme managers see every ' +
      'assessment and may filter. Summaries only: open one for the application and rubric.',
  })
  @ApiOkResponse({ type: AssessmentPageView })
  list(
    @CurrentActor() actor: Actor,
    @Query() query: ListAssessmentsQuery,
  ): Promise<AssessmentPageView> {
    return this.queries.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Read an assessment with the application and the rubric',
    description:
      'The assigned assessor and programme managers only (404 for anyone else). In a blind ' +
      'round the assessor sees nothing that identifies the company: no organisation id or ' +
      'name, identifying answers withheld, and in the other answers the company’s name (any ' +
      'case, spacing or punctuation), its website, the domains of its URL answers and of its ' +
      'members’ e-mail addresses, its members’ names and any e-mail address (also spelled ' +
      'out) replaced by "[withheld]"; or the blind copy as amended by a programme manager ' +
      '(GET/PUT /applications/{id}/blind-copy).',
  })
  @ApiOkResponse({ type: AssessmentView })
  @ApiNotFoundResponse({ description: 'No such assessment, or not yours' })
  get(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<AssessmentView> {
    return this.queries.get(actor, id);
  }

  @Put(':id')
  @ApiOperation({
    summary: 'Save scores and comment (the assigned assessor, while assigned)',
    description:
      '`scores` is the whole sheet and replaces what was saved. 400 for an unknown criterion ' +
      'or a score outside 0..maxScore (the database refuses those too). 409 once submitted ' +
      '(scores are final unless a programme manager reopens) or conflicted. Audited.',
  })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The version you last read; 409 when the assessment has changed since',
  })
  @ApiOkResponse({ type: AssessmentView })
  @ApiBadRequestResponse({ description: 'Unknown criterion or score out of range' })
  @ApiForbiddenResponse({ description: 'Not the assigned assessor' })
  @ApiConflictResponse({ description: 'Not open for scoring, or stale If-Match' })
  save(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SaveScoresDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<AssessmentView> {
    return this.scoring.save(actor, id, body, parseIfMatch(ifMatch));
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Submit, declare a conflict, or reopen',
    description:
      '`submitted`: the assigned assessor, once every rubric criterion is scored (422 listing ' +
      'the missing ones). `conflicted` with a `reason`: the assessor (or a programme manager) ' +
      'declares a conflict with the company; the assessment leaves every calculation and the ' +
      'declaration stops future assignments. `assigned` with a `reason`: a programme manager ' +
      'reopens a submitted assessment. 409 with `allowed` for moves the table does not have; ' +
      'a stale If-Match is 409 `assessment.stale_version`; every move is audited as ' +
      '`assessment.<to>`.',
  })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The version you last read; 409 when the assessment has changed since',
  })
  @ApiOkResponse({ type: AssessmentView })
  @ApiConflictResponse({ description: 'Transition not allowed from the current state' })
  @ApiUnprocessableEntityResponse({ description: 'Not every criterion is scored' })
  transition(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AssessmentTransitionDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<AssessmentView> {
    return this.transitions.transition(actor, id, body, parseIfMatch(ifMatch));
  }
}
