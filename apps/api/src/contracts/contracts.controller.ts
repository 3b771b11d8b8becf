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
import {
  ApiBearerAuth,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  ContractAmendmentsService,
  ContractPageView,
  ContractPaymentsService,
  ContractTransitionDto,
  ContractTransitionsService,
  ContractView,
  ContractsService,
  CreateAmendmentDto,
  CreateContractDto,
  ListContractsQueryDto,
  RecordContractPaymentDto,
  ReversePaymentDto,
  UpdateContractDto,
} from '@catalyst/contracts';
import { Page, parseIfMatch } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import { CurrentActor } from '../auth/current-actor.decorator';
import { SignedIn } from '../auth/route-policy.decorator';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The version you last read; 409 when the contract has changed since',
};

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('contracts')
export class ContractsController {
  constructor(
    private readonly contracts: ContractsService,
    private readonly transitions: ContractTransitionsService,
    private readonly amendments: ContractAmendmentsService,
    private readonly payments: ContractPaymentsService,
  ) {}

  @Post()
  @SignedIn()
  @ApiOperation({
    summary: 'Record a contract (as a draft)',
    description:
      'By its buyer (a public body’s sponsor members), its startup, or a manager of its programme. ' +
      'Linked to a team, it belongs to the team’s programme and round; otherwise to `roundId`’s ' +
      'programme, or `programmeId` (required unless you manage exactly one programme), which the ' +
      'startup must have applied to. `reference` is unique per buyer (409).',
  })
  @ApiCreatedResponse({ type: ContractView })
  @ApiForbiddenResponse({ description: 'Not a party, nor a manager of its programme' })
  @ApiConflictResponse({ description: 'The buyer already uses this reference' })
  @ApiUnprocessableEntityResponse({ description: 'Parties, programme or dates do not fit' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateContractDto): Promise<ContractView> {
    return this.contracts.create(actor, body);
  }

  @Get()
  @SignedIn()
  @ApiOperation({
    summary: 'List the contracts you may see, newest first',
    description:
      'A startup its own; a buyer those it is party to; a sponsor those linked to its teams; ' +
      'programme managers those of their programmes. `endingBefore` compares the current end ' +
      'date (after extensions).',
  })
  @ApiOkResponse({ type: ContractPageView })
  list(
    @CurrentActor() actor: Actor,
    @Query() query: ListContractsQueryDto,
  ): Promise<Page<ContractView>> {
    return this.contracts.list(actor, query);
  }

  @Get(':id')
  @SignedIn()
  @ApiOperation({
    summary: 'Read a contract: original and current terms, paid, remaining, amendments, ledger',
  })
  @ApiOkResponse({ type: ContractView })
  @ApiNotFoundResponse({ description: 'No such contract, or not visible to you' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ContractView> {
    return this.contracts.get(actor, id);
  }

  @Patch(':id')
  @SignedIn()
  @ApiOperation({
    summary: 'Edit a draft’s terms',
    description: 'Drafts only (409 `contract.not_draft` after the award: amend it instead).',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ContractView })
  @ApiConflictResponse({ description: 'Not a draft, stale If-Match, or the reference is taken' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateContractDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<ContractView> {
    return this.contracts.update(actor, id, body, parseIfMatch(ifMatch));
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @SignedIn()
  @ApiOperation({
    summary: 'Move a contract: awarded, active, completed, or terminated (with a reason)',
    description:
      'The buyer or a manager of its programme (audited `onBehalfOf: buyer`); the startup and ' +
      'the original sponsor only read (403). 409 lists the `allowed` targets.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ContractView })
  @ApiConflictResponse({ description: 'Not allowed from the current state (see `allowed`)' })
  @ApiForbiddenResponse({ description: 'Not your move' })
  transition(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ContractTransitionDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<ContractView> {
    return this.transitions.transition(actor, id, body, parseIfMatch(ifMatch));
  }

  @Post(':id/amendments')
  @SignedIn()
  @ApiOperation({
    summary: 'Amend a contract: extend it, change its value, or both',
    description:
      'The buyer or a programme manager, while draft, awarded or active. Kept as numbered ' +
      'history; `currentValue` and `currentEndsOn` follow from it. An extension ends later than ' +
      'the current end; a value is in the contract’s currency and not below what is paid (422).',
  })
  @ApiHeader(IF_MATCH)
  @ApiCreatedResponse({ type: ContractView })
  @ApiBadRequestResponse({ description: 'Fields not matching the kind' })
  @ApiConflictResponse({ description: 'Completed or terminated' })
  @ApiUnprocessableEntityResponse({ description: 'Dates, currency, value below paid, documents' })
  amend(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateAmendmentDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<ContractView> {
    return this.amendments.amend(actor, id, body, parseIfMatch(ifMatch));
  }

  @Post(':id/payments')
  @SignedIn()
  @ApiOperation({
    summary: 'Record a payment against a contract',
    description:
      'The buyer or a programme manager, once awarded. In the contract’s currency (422 ' +
      '`contract.currency_mismatch`), never taking the total paid above the current value (422 ' +
      '`contract.ceiling_exceeded`; exactly up to it is fine), `paidOn` not after today. With ' +
      '`milestoneId` (programme managers) the milestone is recorded paid in the same step.',
  })
  @ApiHeader(IF_MATCH)
  @ApiCreatedResponse({ type: ContractView })
  @ApiUnprocessableEntityResponse({ description: 'Currency, ceiling, date, status or milestone' })
  pay(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RecordContractPaymentDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<ContractView> {
    return this.payments.record(actor, id, body, parseIfMatch(ifMatch));
  }

  @Post(':id/payments/:paymentId/reversal')
  @SignedIn()
  @ApiOperation({
    summary: 'Reverse a payment with a correcting entry',
    description:
      'A payment is never edited: this appends a reversal of the same amount with the reason. ' +
      'Once per payment (409 `contract_payment.already_reversed`).',
  })
  @ApiHeader(IF_MATCH)
  @ApiCreatedResponse({ type: ContractView })
  @ApiConflictResponse({ description: 'Already reversed, or a reversal itself' })
  reverse(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('paymentId', ParseUUIDPipe) paymentId: string,
    @Body() body: ReversePaymentDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<ContractView> {
    return this.payments.reverse(actor, id, paymentId, body, parseIfMatch(ifMatch));
  }
}
