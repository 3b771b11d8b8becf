import { ApiProperty } from '@nestjs/swagger';
import { MoneyDto } from '@catalyst/common';
import { MilestoneView } from '../milestones/milestone.view';
import { MilestonePlanView } from '../plans/milestone-plan.view';
import { RAG_STATUSES, RagStatus } from '../updates/progress-update.entity';
import { ProgressUpdateView } from '../updates/progress-update.view';

export class NamedRefView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

export class TeamChallengeRefView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  title: string;
}

export class TeamRoundRefView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ example: 'Europe/London', description: 'Due dates and sprints are dates here' })
  timezone: string;
}

/** Paid, payable and planned (not yet accepted) milestone payments, one entry per currency. */
export class PaymentTotalsView {
  @ApiProperty({ type: [MoneyDto] })
  paid: MoneyDto[];

  @ApiProperty({ type: [MoneyDto], description: 'Accepted, not yet recorded paid' })
  payable: MoneyDto[];

  @ApiProperty({ type: [MoneyDto], description: 'On milestones not accepted yet' })
  planned: MoneyDto[];
}

/** A team in a list: who it is. */
export class TeamSummaryView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: TeamRoundRefView })
  round: TeamRoundRefView;

  @ApiProperty({ type: NamedRefView, description: 'The company' })
  startup: NamedRefView;

  @ApiProperty({ type: TeamChallengeRefView })
  challenge: TeamChallengeRefView;

  @ApiProperty({ type: NamedRefView, description: 'The sponsor organisation' })
  sponsor: NamedRefView;

  @ApiProperty({ format: 'date-time', description: 'When it was selected' })
  createdAt: string;
}

export class TeamPageView {
  @ApiProperty({ type: [TeamSummaryView] })
  items: TeamSummaryView[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

/** The team at a glance: who, the plan, the milestones, the money and the latest news. */
export class TeamView extends TeamSummaryView {
  @ApiProperty({
    format: 'date',
    description: 'Today in the round’s time zone (overdue is against it)',
  })
  today: string;

  @ApiProperty({ type: MilestonePlanView })
  plan: MilestonePlanView;

  @ApiProperty({ type: [MilestoneView], description: 'By due date' })
  milestones: MilestoneView[];

  @ApiProperty()
  milestonesAccepted: number;

  @ApiProperty()
  milestonesTotal: number;

  @ApiProperty()
  overdue: number;

  @ApiProperty({ type: PaymentTotalsView })
  payments: PaymentTotalsView;

  @ApiProperty({ enum: RAG_STATUSES, nullable: true })
  latestRag: RagStatus | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastUpdateAt: string | null;

  @ApiProperty({ type: ProgressUpdateView, nullable: true })
  latestUpdate: ProgressUpdateView | null;
}
