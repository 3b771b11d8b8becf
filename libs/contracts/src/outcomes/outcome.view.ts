import { ApiProperty } from '@nestjs/swagger';
import { MoneyDto } from '@catalyst/common';
import { OUTCOME_KINDS, Outcome, OutcomeKind } from './outcome.entity';

export class OutcomeView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty({ enum: OUTCOME_KINDS })
  kind: OutcomeKind;

  @ApiProperty({ type: MoneyDto, nullable: true })
  value: MoneyDto | null;

  @ApiProperty({ type: Number, nullable: true })
  count: number | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  buyerOrganisationId: string | null;

  @ApiProperty({ type: String, nullable: true })
  buyerName: string | null;

  @ApiProperty({ format: 'date' })
  reportedOn: string;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  correctsOutcomeId: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The entry correcting this one; null for a current entry',
  })
  correctedByOutcomeId: string | null;

  @ApiProperty({ description: 'Not corrected by a later entry' })
  current: boolean;

  @ApiProperty({ format: 'uuid' })
  reportedByUserId: string;

  @ApiProperty({ description: 'Reported by a programme manager for the company' })
  onBehalf: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class OutcomePageView {
  @ApiProperty({ type: [OutcomeView] })
  items: OutcomeView[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export function toOutcomeView(o: Outcome, correctedBy: string | null): OutcomeView {
  return {
    id: o.id,
    organisationId: o.organisationId,
    kind: o.kind,
    value:
      o.valueAmountMinor === null
        ? null
        : { amountMinor: o.valueAmountMinor, currency: o.valueCurrency! },
    count: o.count,
    buyerOrganisationId: o.buyerOrganisationId,
    buyerName: o.buyerName,
    reportedOn: o.reportedOn,
    note: o.note,
    correctsOutcomeId: o.correctsOutcomeId,
    correctedByOutcomeId: correctedBy,
    current: correctedBy === null,
    reportedByUserId: o.reportedByUserId,
    onBehalf: o.onBehalf,
    createdAt: o.createdAt.toISOString(),
  };
}
