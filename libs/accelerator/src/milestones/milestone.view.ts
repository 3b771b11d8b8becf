import { ApiProperty } from '@nestjs/swagger';
import { AllowedTransitionView, MoneyDto } from '@catalyst/common';
import { DescribedDocuments, DocumentSummary, documentsOf } from '@catalyst/documents';
import type { Milestone } from './milestone.entity';
import {
  PAYMENT_STATUSES,
  PaymentStatus,
  isOverdue,
  paymentOf,
  paymentStatusOf,
} from './milestone.rules';
import { MILESTONE_STATUSES, MilestoneStatus } from './milestone.state-machine';

export class MilestoneView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  teamId: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ type: String, nullable: true })
  description: string | null;

  @ApiProperty({ type: String, nullable: true })
  acceptanceCriteria: string | null;

  @ApiProperty({ format: 'date', description: 'A date in the round’s time zone' })
  dueOn: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  sprintId: string | null;

  @ApiProperty({ enum: MILESTONE_STATUSES })
  status: MilestoneStatus;

  @ApiProperty({
    description:
      'Derived on every read from the clock: the due date has passed in the round’s time zone and the milestone is not accepted',
  })
  overdue: boolean;

  @ApiProperty({ type: MoneyDto, nullable: true })
  payment: MoneyDto | null;

  @ApiProperty({
    enum: PAYMENT_STATUSES,
    description:
      '`none` (no payment), `planned` (not accepted yet), `payable` (accepted, not paid), `paid`',
  })
  paymentStatus: PaymentStatus;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  paidOn: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The payment’s reference' })
  paymentReference: string | null;

  @ApiProperty({ type: [String] })
  evidenceUrls: string[];

  @ApiProperty({
    type: [String],
    description: 'The documents submitted as evidence (attached to this milestone)',
  })
  documentIds: string[];

  @ApiProperty({
    type: [DocumentSummary],
    description:
      'The evidence documents (documentIds) described, in that order; download each at GET /documents/{id}',
  })
  documents: DocumentSummary[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  acceptedAt: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The sponsor’s last request' })
  changesRequestedReason: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  @ApiProperty({ description: 'Send back in If-Match when editing or moving it' })
  version: number;

  @ApiProperty({ type: [AllowedTransitionView], description: 'The moves you may make now' })
  allowedTransitions: AllowedTransitionView<MilestoneStatus>[];
}

export class MilestonePageView {
  @ApiProperty({ type: [MilestoneView] })
  items: MilestoneView[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

/** `documents` holds (at least) the milestone's evidence documents, described. */
export function toMilestoneView(
  m: Milestone,
  today: string,
  allowedTransitions: AllowedTransitionView<MilestoneStatus>[],
  documents: DescribedDocuments,
): MilestoneView {
  return {
    id: m.id,
    teamId: m.teamId,
    title: m.title,
    description: m.description,
    acceptanceCriteria: m.acceptanceCriteria,
    dueOn: m.dueOn,
    sprintId: m.sprintId,
    status: m.status,
    overdue: isOverdue(m, today),
    payment: paymentOf(m),
    paymentStatus: paymentStatusOf(m),
    paidOn: m.paidOn,
    paymentReference: m.paymentReference,
    evidenceUrls: m.evidenceUrls,
    documentIds: m.documentIds,
    documents: documentsOf(documents, { type: 'milestone', id: m.id }, m.documentIds),
    submittedAt: m.submittedAt?.toISOString() ?? null,
    acceptedAt: m.acceptedAt?.toISOString() ?? null,
    changesRequestedReason: m.changesRequestedReason,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
    version: m.version,
    allowedTransitions,
  };
}
