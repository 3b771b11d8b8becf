import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Put } from '@nestjs/common';
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
import { AmendBlindCopyDto, BlindCopyService, BlindCopyView } from '@catalyst/assessment';
import { parseIfMatch } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import { CurrentActor } from '../auth/current-actor.decorator';
import { SignedIn } from '../auth/route-policy.decorator';

@ApiTags('assessment')
@ApiBearerAuth()
@SignedIn()
@Controller('applications/:id/blind-copy')
export class BlindCopyController {
  constructor(private readonly blindCopies: BlindCopyService) {}

  @Get()
  @ApiOperation({
    summary: 'The blind copy: exactly what a blind panel reads (programme manager)',
    description:
      'The answers as an assessor of this application reads them in a blind round: identifying ' +
      'answers withheld, and in the others the company’s name (any case, spacing or ' +
      'punctuation), its website and the domains of its URL answers and members’ e-mail ' +
      'addresses, its members’ names and any e-mail address (also spelled out) replaced by ' +
      '"[withheld]"; or the amended copy when a programme manager amended it. 403 for the ' +
      'challenge’s sponsor and panel, 404 for others and for drafts.',
  })
  @ApiOkResponse({ type: BlindCopyView })
  @ApiForbiddenResponse({ description: 'Not a programme manager' })
  @ApiNotFoundResponse({ description: 'No such application, or not visible to you' })
  get(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<BlindCopyView> {
    return this.blindCopies.get(actor, id);
  }

  @Put()
  @ApiOperation({
    summary: 'Amend the blind copy before the panel scores (programme manager)',
    description:
      'Replaces the amendment: each listed question shows the panel the given value, or ' +
      'nothing when `withheld`; unlisted questions keep the automatic redaction. Audited with ' +
      'what it replaced. 422 `blind_copy.not_blind` when the round is not blind; 409 ' +
      '`blind_copy.assessment_started` once an assessor has submitted scores for the ' +
      'application; 409 when If-Match is stale.',
  })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The blind copy version you last read (0 before any amendment)',
  })
  @ApiOkResponse({ type: BlindCopyView })
  @ApiForbiddenResponse({ description: 'Not a programme manager' })
  @ApiConflictResponse({ description: 'Assessment started, or stale If-Match' })
  @ApiUnprocessableEntityResponse({ description: 'The round is not blind' })
  amend(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AmendBlindCopyDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<BlindCopyView> {
    return this.blindCopies.amend(actor, id, body, parseIfMatch(ifMatch));
  }
}
