import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  CreateModerationNoteDto,
  ModerationNotePageView,
  ModerationNoteView,
  ModerationNotesService,
  StagePageQuery,
} from '@catalyst/assessment';
import type { Actor } from '@catalyst/identity';
import { CurrentActor } from '../auth/current-actor.decorator';
import { SignedIn } from '../auth/route-policy.decorator';

@ApiTags('assessment')
@ApiBearerAuth()
@SignedIn()
@Controller('applications/:id/moderation-notes')
export class ModerationNotesController {
  constructor(private readonly notes: ModerationNotesService) {}

  @Post()
  @ApiOperation({
    summary: 'Add a note to the application’s private moderation thread',
    description: 'The challenge’s panel and programme managers only; audited.',
  })
  @ApiCreatedResponse({ type: ModerationNoteView })
  @ApiNotFoundResponse({ description: 'No such application, or not visible to you' })
  add(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateModerationNoteDto,
  ): Promise<ModerationNoteView> {
    return this.notes.add(actor, id, body.body, body.stage);
  }

  @Get()
  @ApiOperation({
    summary: 'The moderation thread, oldest first',
    description:
      'The challenge’s panel and programme managers only. In a blind round the panel reads ' +
      'every note (a programme manager’s too) through the same redaction as the answers.',
  })
  @ApiOkResponse({ type: ModerationNotePageView })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() page: StagePageQuery,
  ): Promise<ModerationNotePageView> {
    return this.notes.list(actor, id, page, page.stage);
  }
}
