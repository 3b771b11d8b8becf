import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  ContractDefaultsService,
  ContractDefaultsView,
  ContractTotalsService,
  ContractTotalsView,
  SetContractDefaultsDto,
} from '@catalyst/contracts';
import { parseIfMatch } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/route-policy.decorator';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('rounds')
export class RoundContractsController {
  constructor(
    private readonly defaults: ContractDefaultsService,
    private readonly totals: ContractTotalsService,
  ) {}

  @Get(':id/contract-defaults')
  @Roles('programme_manager')
  @ApiOperation({ summary: 'Read the round’s default exploration and accelerator contracts' })
  @ApiOkResponse({ type: ContractDefaultsView })
  @ApiNotFoundResponse({ description: 'No such round in your programmes' })
  get(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ContractDefaultsView> {
    return this.defaults.get(actor, id);
  }

  @Put(':id/contract-defaults')
  @Roles('programme_manager')
  @ApiOperation({
    summary: 'Set the round’s default exploration fee and accelerator contract value',
    description:
      'Replaces both (a kind left out has no default). In the programme’s currency (422). From ' +
      'then on, moving an application to `exploration` drafts its exploration contract and ' +
      'selecting it drafts its accelerator contract, bought by the challenge’s sponsor.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The version you last read' })
  @ApiOkResponse({ type: ContractDefaultsView })
  @ApiUnprocessableEntityResponse({ description: 'Not in the programme’s currency' })
  set(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SetContractDefaultsDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<ContractDefaultsView> {
    return this.defaults.set(actor, id, body, parseIfMatch(ifMatch));
  }

  @Get(':id/contract-totals')
  @Roles('programme_manager')
  @ApiOperation({
    summary: 'The round’s impact: contracts its cohort companies won after the programme',
    description:
      'Follow-on, commercial and framework call-off contracts (awarded at some point) of the ' +
      'cohort’s companies, from any buyer, linked to the team or not: count, distinct buyers, ' +
      'current value per currency and the share won from buyers other than their sponsor.',
  })
  @ApiOkResponse({ type: ContractTotalsView })
  @ApiNotFoundResponse({ description: 'No such round in your programmes' })
  roundTotals(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ContractTotalsView> {
    return this.totals.forRound(actor, id);
  }
}
