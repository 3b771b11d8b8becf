import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  AddAssessorDto,
  ConflictPageView,
  ConflictView,
  ConflictsService,
  DeclareConflictDto,
  PanelMemberView,
  PanelPageView,
  PanelRemovalView,
  PanelService,
  StagePageQuery,
  StageQuery,
} from '@catalyst/assessment';
import { PageQueryDto } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles, SignedIn } from '../auth/route-policy.decorator';

@ApiTags('assessment')
@ApiBearerAuth()
@Controller('challenges/:id')
export class PanelController {
  constructor(
    private readonly panel: PanelService,
    private readonly conflicts: ConflictsService,
  ) {}

  @Post('assessors')
  @Roles('programme_manager')
  @ApiOperation({
    summary: 'Add a panel member (programme manager)',
    description:
      'Each stage has its own panel (`?stage=`, the first when not given). ' +
      'The user must be active and hold the assessor role in some organisation (422 ' +
      '`panel.not_an_assessor` otherwise), and must not be a member of a company that applied ' +
      'to this challenge (422 `panel.competitor`: a competitor is conflicted for every ' +
      'application of the challenge). Audited on the challenge.',
  })
  @ApiCreatedResponse({ type: PanelMemberView })
  @ApiConflictResponse({ description: 'Already on the panel' })
  @ApiUnprocessableEntityResponse({ description: 'Not an active user with the assessor role' })
  add(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AddAssessorDto,
    @Query() query: StageQuery,
  ): Promise<PanelMemberView> {
    return this.panel.add(actor, id, body.userId, query.stage);
  }

  @Get('assessors')
  @SignedIn()
  @ApiOperation({
    summary: 'The panel, in the order members were added',
    description: 'Programme managers and the challenge’s sponsor. One stage’s panel (`?stage=`).',
  })
  @ApiOkResponse({ type: PanelPageView })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() page: StagePageQuery,
  ): Promise<PanelPageView> {
    return this.panel.list(actor, id, page, page.stage);
  }

  @Delete('assessors/:userId')
  @Roles('programme_manager')
  @ApiOperation({
    summary: 'Take a member off the panel (programme manager)',
    description:
      'Their open assessments here are deleted with the seat (audited). Refused with 409 once ' +
      'they have submitted an assessment for this challenge: reopen or conflict it first.',
  })
  @ApiOkResponse({ type: PanelRemovalView })
  @ApiNotFoundResponse({ description: 'Not on this panel' })
  @ApiConflictResponse({ description: 'They have submitted assessments here' })
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('userId', ParseUUIDPipe) userId: string,
    @Query() query: StageQuery,
  ): Promise<PanelRemovalView> {
    return this.panel.remove(actor, id, userId, query.stage);
  }

  @Post('conflicts')
  @SignedIn()
  @ApiOperation({
    summary: 'Declare a conflict of interest with a company',
    description:
      'A panel member declares their own (a programme manager may record one for any member ' +
      'with `assessorUserId`). Name the company by `startupOrganisationId` or by one of its ' +
      'applications to this challenge (`applicationId`; in a blind round an assessor must ' +
      'name the application: 422 `conflict.blind_needs_application` for a company id). The ' +
      'conflict holds in every challenge: assignment never pairs them and no ranking counts ' +
      'the assessor’s scores of that company. The assessor’s assessments of the company become ' +
      '`conflicted` (listed in `conflictedAssessmentIds`) in this challenge, and in other ' +
      'challenges only when neither is blind: nothing shown to an assessor links a blind ' +
      'application to a company. 409 `conflict.already_declared` when already declared in ' +
      'this challenge.',
  })
  @ApiCreatedResponse({ type: ConflictView })
  @ApiConflictResponse({ description: 'Already on record' })
  @ApiUnprocessableEntityResponse({ description: 'Not a panel member, or not a startup' })
  declare(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DeclareConflictDto,
  ): Promise<ConflictView> {
    return this.conflicts.declareInChallenge(actor, id, body);
  }

  @Get('conflicts')
  @SignedIn()
  @ApiOperation({
    summary: 'Declared conflicts of this panel’s members',
    description:
      'Programme managers see every member’s (wherever declared); members see their own. The ' +
      'company id is hidden from assessors in blind rounds, and from them everywhere for a ' +
      'declaration made in a blind round.',
  })
  @ApiOkResponse({ type: ConflictPageView })
  conflictsOf(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() page: PageQueryDto,
  ): Promise<ConflictPageView> {
    return this.conflicts.list(actor, id, page);
  }
}
