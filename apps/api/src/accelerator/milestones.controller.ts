import {
  Body,
  Controller,
  Delete,
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
  ApiForbiddenResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  MilestonePaymentsService,
  MilestoneTransitionDto,
  MilestoneTransitionsService,
  MilestoneView,
  MilestonesService,
  RecordPaymentDto,
  RemoveMilestoneDto,
  UpdateMilestoneDto,
} from '@catalyst/accelerator';
import { parseIfMatch } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles, SignedIn } from '../auth/route-policy.decorator';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The version you last read; 409 when the milestone has changed since',
};

@ApiTags('accelerator')
@ApiBearerAuth()
@Controller('milestones')
export class MilestonesController {
  constructor(
    private readonly milestones: MilestonesService,
    private readonly transitions: MilestoneTransitionsService,
    private readonly payments: MilestonePaymentsService,
  ) {}

  @Get(':id')
  @SignedIn()
  @ApiOperation({
    summary: 'Read a milestone, with `overdue`, `payment` and `paymentStatus`',
    description:
      '`paymentStatus`: none | planned | payable (accepted) | paid. The team, its sponsor ' +
      'organisation and programme managers; anyone else 404.',
  })
  @ApiOkResponse({ type: MilestoneView })
  @ApiNotFoundResponse({ description: 'No such milestone, or not visible to you' })
  get(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<MilestoneView> {
    return this.milestones.get(actor, id);
  }

  @Patch(':id')
  @SignedIn()
  @ApiOperation({
    summary: 'Edit a milestone',
    description:
      'Until it is accepted (409 after). Once the plan is agreed, re-dating it or changing its ' +
      'payment or acceptance criteria follows the plan rule: the sponsor may; a programme ' +
      'manager with a `reason`; the team not (409 `milestone.plan_agreed`). Audited field by field.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: MilestoneView })
  @ApiConflictResponse({ description: 'Stale If-Match, accepted, or the plan is agreed' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateMilestoneDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<MilestoneView> {
    return this.milestones.update(actor, id, body, parseIfMatch(ifMatch));
  }

  @Delete(':id')
  @HttpCode(204)
  @SignedIn()
  @ApiOperation({
    summary: 'Remove a planned milestone from the plan',
    description:
      'Only while it is planned (409 otherwise). After agreement, as for edits: the sponsor, or ' +
      'a programme manager with `?reason=`. The audit trail keeps what it was.',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiConflictResponse({ description: 'Started, or the plan is agreed' })
  async remove(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: RemoveMilestoneDto,
  ): Promise<void> {
    await this.milestones.remove(actor, id, query);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @SignedIn()
  @ApiOperation({
    summary: 'Move a milestone: the team works and submits, the sponsor signs off',
    description:
      'The team: `in_progress`, `submitted` with `evidenceUrls` and/or `documentIds` (422 ' +
      'without; both once the plan is agreed). `documentIds` name documents uploaded to this ' +
      'milestone (POST /documents, attachToType `milestone`); any other id is 422 ' +
      '`document.invalid_reference` and nothing changes. Members of the team’s sponsor organisation: ' +
      '`accepted`, or `changes_requested` with a reason. A programme manager may act for ' +
      'either side (audited with `onBehalfOf`). The team can never accept its own milestone ' +
      '(403); another sponsor gets 404. 409 lists the `allowed` targets.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: MilestoneView })
  @ApiConflictResponse({ description: 'Not allowed from the current state (see `allowed`)' })
  @ApiForbiddenResponse({ description: 'Not your side’s move' })
  @ApiUnprocessableEntityResponse({
    description:
      'No evidence, the plan not agreed, or a document id not attached to this milestone (`document.invalid_reference`)',
  })
  transition(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MilestoneTransitionDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<MilestoneView> {
    return this.transitions.transition(actor, id, body, parseIfMatch(ifMatch));
  }

  @Post(':id/payment')
  @HttpCode(200)
  @Roles('programme_manager')
  @ApiOperation({
    summary: 'Record an accepted milestone’s payment as paid (programme manager)',
    description:
      'Once only (409 `milestone.already_paid` after); only when `paymentStatus` is payable ' +
      '(422 `milestone.not_payable`); `paidOn` not after today. Audited and announced as ' +
      '`milestone.paid` with the amount and the team.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: MilestoneView })
  @ApiConflictResponse({ description: 'Already recorded paid' })
  @ApiForbiddenResponse({ description: 'Not a programme manager' })
  recordPayment(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RecordPaymentDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<MilestoneView> {
    return this.payments.recordPaid(actor, id, body, parseIfMatch(ifMatch));
  }
}
