import { ApiProperty } from '@nestjs/swagger';
import { AllowedTransitionView, MoneyDto } from '@catalyst/common';
import { AMENDMENT_KINDS, AmendmentKind } from '../amendments/contract-amendment.entity';
import { PAYMENT_ENTRY_KINDS, PaymentEntryKind } from '../payments/contract-payment.entity';
import {
  CONTRACT_KINDS,
  CONTRACT_STATUSES,
  ContractKind,
  ContractStatus,
  PROCUREMENT_ROUTES,
  ProcurementRoute,
} from './contract.state-machine';

export class PartyView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

export class ContractAmendmentView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: '1, 2, … in the order recorded' })
  number: number;

  @ApiProperty({ enum: AMENDMENT_KINDS })
  kind: AmendmentKind;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The new end date' })
  endsOn: string | null;

  @ApiProperty({ type: MoneyDto, nullable: true, description: 'The new total value' })
  value: MoneyDto | null;

  @ApiProperty()
  reason: string;

  @ApiProperty({ type: [String] })
  documentIds: string[];

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  createdByUserId: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class ContractPaymentView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: PAYMENT_ENTRY_KINDS, description: 'A reversal subtracts its amount' })
  kind: PaymentEntryKind;

  @ApiProperty({ type: MoneyDto })
  amount: MoneyDto;

  @ApiProperty({ format: 'date' })
  paidOn: string;

  @ApiProperty({ type: String, nullable: true })
  reference: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  milestoneId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  reversesPaymentId: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The entry reversing this one',
  })
  reversedByPaymentId: string | null;

  @ApiProperty({ type: String, nullable: true })
  reason: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null: the system' })
  recordedByUserId: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class ContractView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  programmeId: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  roundId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  teamId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  applicationId: string | null;

  @ApiProperty({ enum: CONTRACT_KINDS })
  kind: ContractKind;

  @ApiProperty()
  reference: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ enum: PROCUREMENT_ROUTES, nullable: true })
  procurementRoute: ProcurementRoute | null;

  @ApiProperty({ type: PartyView })
  buyer: PartyView;

  @ApiProperty({ type: PartyView })
  startup: PartyView;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The sponsor of the linked team or application',
  })
  sponsorOrganisationId: string | null;

  @ApiProperty({ enum: CONTRACT_STATUSES })
  status: ContractStatus;

  @ApiProperty({ type: String, nullable: true })
  terminationReason: string | null;

  @ApiProperty({ type: MoneyDto, description: 'The value as awarded' })
  originalValue: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: 'After every value change' })
  currentValue: MoneyDto;

  @ApiProperty({ format: 'date' })
  startsOn: string;

  @ApiProperty({ format: 'date', description: 'The end date as awarded' })
  originalEndsOn: string;

  @ApiProperty({ format: 'date', description: 'After every extension' })
  currentEndsOn: string;

  @ApiProperty({ type: MoneyDto, description: 'Payments less reversals' })
  paid: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: 'currentValue − paid' })
  remaining: MoneyDto;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  awardedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closedAt: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  @ApiProperty({ description: 'Send back in If-Match when changing it' })
  version: number;

  @ApiProperty({ type: [AllowedTransitionView], description: 'The moves you may make now' })
  allowedTransitions: AllowedTransitionView<ContractStatus>[];

  @ApiProperty({
    type: [ContractAmendmentView],
    description: 'Oldest first (single reads only; [] in lists)',
  })
  amendments: ContractAmendmentView[];

  @ApiProperty({
    type: [ContractPaymentView],
    description: 'The ledger, oldest first (single reads only; [] in lists)',
  })
  payments: ContractPaymentView[];
}

export class ContractPageView {
  @ApiProperty({ type: [ContractView] })
  items: ContractView[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
