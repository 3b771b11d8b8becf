import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import {
  ApiBearerAuth,
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
  ProgressUpdateView,
  ProgressUpdatesService,
  UpdateProgressUpdateDto,
} from '@catalyst/accelerator';
import { parseIfMatch } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import { CurrentActor } from '../auth/current-actor.decorator';
import { SignedIn } from '../auth/route-policy.decorator';

@ApiTags('accelerator')
@ApiBearerAuth()
@Controller('progress-updates')
export class ProgressUpdatesController {
  constructor(private readonly updates: ProgressUpdatesService) {}

  @Get(':id')
  @SignedIn()
  @ApiOperation({ summary: 'Read a progress update (the team, its sponsor, programme managers)' })
  @ApiOkResponse({ type: ProgressUpdateView })
  @ApiNotFoundResponse({ description: 'No such update, or not visible to you' })
  get(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ProgressUpdateView> {
    return this.updates.get(actor, id);
  }

  @Patch(':id')
  @SignedIn()
  @ApiOperation({
    summary: 'Correct your progress update within 24 hours',
    description:
      'Its author only (403 `progress_update.not_author`), until 24 hours after it was logged ' +
      '(409 `progress_update.locked` after: log a new entry instead). `documentIds` name ' +
      'documents uploaded to this update (POST /documents, attachToType `progress_update`); ' +
      'any other id is 422 `document.invalid_reference`. Audited field by field.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The version you last read' })
  @ApiOkResponse({ type: ProgressUpdateView })
  @ApiConflictResponse({ description: 'Locked after 24 hours, or stale If-Match' })
  @ApiForbiddenResponse({ description: 'Not the author' })
  @ApiUnprocessableEntityResponse({ description: 'A document id not attached to this update' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateProgressUpdateDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<ProgressUpdateView> {
    return this.updates.update(actor, id, body, parseIfMatch(ifMatch));
  }
}
