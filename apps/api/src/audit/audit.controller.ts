import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuditEventPageDto, AuditQueryDto, AuditQueryService } from '@catalyst/audit';
import type { Actor } from '@catalyst/identity';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/route-policy.decorator';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get()
  @Roles('programme_manager')
  @ApiOperation({
    summary: 'The audit trail, newest first (programme managers)',
    description:
      'Who did what to which thing, when, from what to what, and why. Append-only: the ' +
      'database refuses to change or delete an event. A programme manager reads the events of ' +
      'the programmes they manage and the instance-level ones (shared sponsors, startups, ' +
      'users), but not another operator organisation’s own (its edits, invitations, members). ' +
      'Filter by entityType, entityId, actorId, programmeId.',
  })
  @ApiOkResponse({ type: AuditEventPageDto })
  @ApiForbiddenResponse({ description: 'Not a programme manager' })
  list(@CurrentActor() actor: Actor, @Query() query: AuditQueryDto): Promise<AuditEventPageDto> {
    return this.audit.list(actor, query);
  }
}
