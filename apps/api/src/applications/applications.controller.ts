import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApplicationPageResponse,
  ApplicationQueryService,
  ApplicationResponse,
  ApplicationTransitionDto,
  ListApplicationsQueryDto,
  TransitionApplicationService,
  UpdateApplicationDto,
  UpdateApplicationService,
} from '@catalyst/applications';
import { parseIfMatch } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles, SignedIn } from '../auth/route-policy.decorator';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The version you read; 409 when the application changed since.',
};

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly reading: ApplicationQueryService,
    private readonly updating: UpdateApplicationService,
    private readonly moving: TransitionApplicationService,
  ) {}

  @Get()
  @SignedIn()
  @ApiOperation({
    summary: 'List the applications you may see, newest first',
    description:
      'Programme managers: all. Startup members: their company’s (drafts included). Sponsors: ' +
      'submitted applications to their organisation’s challenges — in a blind-review round only ' +
      'once decided (shortlisted or later). Assessors see applications through their assessments.',
  })
  @ApiOkResponse({ type: ApplicationPageResponse })
  list(
    @CurrentActor() actor: Actor,
    @Query() query: ListApplicationsQueryDto,
  ): Promise<ApplicationPageResponse> {
    return this.reading.list(actor, query);
  }

  @Get(':id')
  @SignedIn()
  @ApiOperation({ summary: 'One application (404 when it is not visible to you)' })
  @ApiOkResponse({ type: ApplicationResponse })
  get(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ApplicationResponse> {
    return this.reading.get(actor, id);
  }

  @Patch(':id')
  @Roles('startup_member')
  @ApiOperation({
    summary: 'Edit a draft’s answers',
    description:
      'The applying company’s members, while the application is a draft (409 otherwise) and the ' +
      'round’s call is open (422 after its closing time). Answers merge into the stored ones; ' +
      '`null` removes one.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ApplicationResponse })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateApplicationDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<ApplicationResponse> {
    await this.updating.update(actor, id, body, parseIfMatch(ifMatch));
    return this.reading.get(actor, id);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @SignedIn()
  @ApiOperation({
    summary: 'Submit, withdraw, screen or decide an application',
    description:
      'Company: draft → `submitted` (before the round closes; answers validated, 400 per field), ' +
      '→ `withdrawn` (from draft, submitted, shortlisted, exploration, waitlisted, selected). ' +
      'Programme manager, each with a reason: submitted → `ineligible`, ineligible → `submitted` ' +
      '(reinstated), `shortlisted`, `exploration`, `selected`, `waitlisted`, `rejected`. ' +
      'Decisions follow the round’s stage (422): ineligible in open/assessment; shortlisted in ' +
      'assessment/exploration; exploration in exploration; selected in exploration/accelerator; ' +
      'waitlisted and rejected in assessment/exploration/accelerator. Every decision (shortlisted, ' +
      'exploration, selected, waitlisted, rejected) also rests on the panel’s assessment: the ' +
      'application needs at least one submitted assessment and none still assigned (each ' +
      'assigned assessor has submitted or declared a conflict; conflicted ones never count), ' +
      'else 422 saying how many are outstanding, with `assessments` {submitted, outstanding, ' +
      'conflicted}. Rejection is no exception, reason or not: an out-of-scope application is ' +
      'screened out as `ineligible` (with a reason, no scores needed). The counts are kept in ' +
      'the decision’s audit event. Selecting forms the team in ' +
      'the round’s cohort; leaving `selected` (allowed until the accelerator starts) removes it. ' +
      '409 with `allowed` for a move the state table does not have; 403 when your role may not ' +
      'make it.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ApplicationResponse })
  async transition(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ApplicationTransitionDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<ApplicationResponse> {
    await this.moving.transition(actor, id, body, parseIfMatch(ifMatch));
    return this.reading.get(actor, id);
  }
}
