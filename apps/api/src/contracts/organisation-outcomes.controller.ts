import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  ContractTotalsService,
  CreateOutcomeDto,
  ListOutcomesQueryDto,
  OrganisationContractTotalsView,
  OutcomePageView,
  OutcomeView,
  OutcomesService,
} from '@catalyst/contracts';
import type { Page } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import { CurrentActor } from '../auth/current-actor.decorator';
import { SignedIn } from '../auth/route-policy.decorator';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationOutcomesController {
  constructor(
    private readonly outcomes: OutcomesService,
    private readonly totals: ContractTotalsService,
  ) {}

  @Post(':id/outcomes')
  @SignedIn()
  @ApiOperation({
    summary: 'Report an outcome of a startup: investment, jobs, revenue, another public buyer',
    description:
      'Its members, or a manager of a programme it applied to (recorded `onBehalf`). Never ' +
      'edited: a correction is a new entry with `correctsOutcomeId`. Attach proof afterwards ' +
      '(`POST /documents`, `attachToType: outcome`).',
  })
  @ApiCreatedResponse({ type: OutcomeView })
  @ApiNotFoundResponse({ description: 'No such startup, or not visible to you' })
  @ApiUnprocessableEntityResponse({ description: 'Figures not matching the kind' })
  report(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateOutcomeDto,
  ): Promise<OutcomeView> {
    return this.outcomes.report(actor, id, body);
  }

  @Get(':id/outcomes')
  @SignedIn()
  @ApiOperation({
    summary: 'A startup’s outcomes, in the order reported, each saying whether it is current',
  })
  @ApiOkResponse({ type: OutcomePageView })
  @ApiNotFoundResponse({ description: 'No such startup, or not visible to you' })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ListOutcomesQueryDto,
  ): Promise<Page<OutcomeView>> {
    return this.outcomes.list(actor, id, query);
  }

  @Get(':id/contract-totals')
  @SignedIn()
  @ApiOperation({
    summary: 'A public body’s impact totals, as sponsor and as buyer',
    description:
      'As sponsor: the contracts its cohort companies won after the programme; as buyer: those ' +
      'it awarded. Its sponsor members see every programme, programme managers their own.',
  })
  @ApiOkResponse({ type: OrganisationContractTotalsView })
  @ApiNotFoundResponse({ description: 'No such public body, or not visible to you' })
  organisationTotals(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<OrganisationContractTotalsView> {
    return this.totals.forOrganisation(actor, id);
  }
}
