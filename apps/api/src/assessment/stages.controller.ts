import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  BookInterviewSlotDto,
  CreateInterviewSlotDto,
  CreateStageDto,
  InterviewSlotPageView,
  InterviewSlotView,
  InterviewSlotsService,
  ModerationOutcomeDto,
  ModerationOutcomeView,
  ModerationOutcomesService,
  StageEntriesDto,
  StageEntriesView,
  StageListView,
  StageView,
  StagesService,
} from '@catalyst/assessment';
import { PageQueryDto } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles, SignedIn } from '../auth/route-policy.decorator';

const STAGE_KEY = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

@ApiTags('assessment')
@ApiBearerAuth()
@Controller()
export class StagesController {
  constructor(
    private readonly stages: StagesService,
    private readonly slots: InterviewSlotsService,
    private readonly outcomes: ModerationOutcomesService,
  ) {}

  @Get('challenges/:id/stages')
  @SignedIn()
  @ApiOperation({
    summary: 'The challenge’s assessment stages, in order',
    description:
      'Every challenge has at least one: `sift`, the written application on the challenge’s ' +
      'rubric with the round’s blind setting. Later stages have their own rubric, panel, ' +
      'assessments and ranking. Programme managers, the sponsor and panel members.',
  })
  @ApiOkResponse({ type: StageListView })
  @ApiNotFoundResponse({ description: 'No such challenge, or not visible to you' })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StageListView> {
    return this.stages.list(actor, id);
  }

  @Post('challenges/:id/stages')
  @Roles('programme_manager')
  @ApiOperation({
    summary: 'Add a stage after the last (programme manager)',
    description:
      'E.g. `{ key: "interview", label: "Interview", rubric: [...], needsSlots: true }`. A stage ' +
      'with slots is never blind (422 `stage.interview_not_blind`). 409 `stage.key_taken` for a ' +
      'key in use (`sift` is the first stage’s). Audited as `challenge.stage_added`.',
  })
  @ApiCreatedResponse({ type: StageView })
  @ApiConflictResponse({ description: 'Key in use' })
  @ApiUnprocessableEntityResponse({ description: 'A blind interview' })
  add(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateStageDto,
  ): Promise<StageView> {
    return this.stages.add(actor, id, body);
  }

  @Post('challenges/:id/stages/:key/entries')
  @Roles('programme_manager')
  @ApiOperation({
    summary: 'Enter applications into a later stage (programme manager, with a reason)',
    description:
      'The only way into a stage after the first: each application must be assessable and in ' +
      'the stage before (422 `stage.entry_refused` listing those that are not; 422 ' +
      '`stage.first_stage_has_everyone` for the first stage; 409 `stage.already_entered`). ' +
      'All or nothing; each entry is audited on the application as `application.stage_entered`.',
  })
  @ApiCreatedResponse({ type: StageEntriesView })
  @ApiNotFoundResponse({ description: 'No such challenge or stage' })
  @ApiConflictResponse({ description: 'Already in the stage' })
  @ApiUnprocessableEntityResponse({ description: 'Not in the stage before' })
  enter(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('key') key: string,
    @Body() body: StageEntriesDto,
  ): Promise<StageEntriesView> {
    return this.stages.enter(actor, id, stageKey(key), body);
  }

  @Post('challenges/:id/stages/:key/slots')
  @Roles('programme_manager')
  @ApiOperation({
    summary: 'Add an interview slot (programme manager)',
    description:
      'Start, length and a place or a video link; `applicationId` gives it to an application ' +
      'entered into the stage (422 `interview_slot.not_in_stage`), otherwise the company books ' +
      'it. 422 `interview_slot.not_an_interview` for a stage without slots; 409 ' +
      '`interview_slot.already_booked` when the application has one. Audited.',
  })
  @ApiCreatedResponse({ type: InterviewSlotView })
  @ApiUnprocessableEntityResponse({ description: 'Not an interview stage, or not in it' })
  addSlot(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('key') key: string,
    @Body() body: CreateInterviewSlotDto,
  ): Promise<InterviewSlotView> {
    return this.slots.create(actor, id, stageKey(key), body);
  }

  @Get('challenges/:id/stages/:key/slots')
  @SignedIn()
  @ApiOperation({
    summary: 'The stage’s interview timetable, earliest first',
    description:
      'Programme managers, the sponsor and the stage’s panel see every slot and whom it is ' +
      'for; a company entered into the stage sees the free slots and its own.',
  })
  @ApiOkResponse({ type: InterviewSlotPageView })
  @ApiNotFoundResponse({ description: 'No such challenge or stage, or not visible to you' })
  listSlots(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('key') key: string,
    @Query() page: PageQueryDto,
  ): Promise<InterviewSlotPageView> {
    return this.slots.list(actor, id, stageKey(key), page);
  }

  @Post('interview-slots/:id/booking')
  @HttpCode(200)
  @SignedIn()
  @ApiOperation({
    summary: 'Book a free slot for your application (the company)',
    description:
      'A member of the company whose application is in the slot’s stage. 409 ' +
      '`interview_slot.taken` when someone booked it first, `interview_slot.already_booked` ' +
      'when the application has a slot. Audited.',
  })
  @ApiOkResponse({ type: InterviewSlotView })
  @ApiNotFoundResponse({ description: 'No such slot, or not visible to you' })
  @ApiConflictResponse({ description: 'Taken' })
  book(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: BookInterviewSlotDto,
  ): Promise<InterviewSlotView> {
    return this.slots.book(actor, id, body.applicationId);
  }

  @Put('applications/:id/moderation-outcome')
  @Roles('programme_manager')
  @ApiOperation({
    summary: 'Record the moderated outcome at a stage (programme manager)',
    description:
      '`confirmed`, or `adjusted` with `adjustedScore` (0–100), with a reason; replaces any ' +
      'earlier record (audited as `application.moderated` with what it replaced and the ' +
      'ranking’s score). The company’s feedback shows an adjusted score. 422 ' +
      '`stage.outcome_unscored` before the stage has a counted assessment.',
  })
  @ApiOkResponse({ type: ModerationOutcomeView })
  @ApiForbiddenResponse({ description: 'Not a programme manager of the challenge' })
  @ApiUnprocessableEntityResponse({ description: 'Nothing scored to moderate' })
  moderate(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ModerationOutcomeDto,
  ): Promise<ModerationOutcomeView> {
    return this.outcomes.record(actor, id, body);
  }
}

/** A path key that cannot be a stage's is simply no stage (404). */
function stageKey(key: string): string {
  return STAGE_KEY.test(key) ? key : '-';
}
