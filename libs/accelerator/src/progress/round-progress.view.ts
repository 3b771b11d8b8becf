import { ApiProperty } from '@nestjs/swagger';
import {
  MILESTONE_PLAN_STATUSES,
  MilestonePlanStatus,
} from '../plans/milestone-plan.state-machine';
import { NamedRefView, PaymentTotalsView, TeamChallengeRefView } from '../teams/team.view';
import { RAG_STATUSES, RagStatus } from '../updates/progress-update.entity';

export class TeamProgressView {
  @ApiProperty({ format: 'uuid' })
  teamId: string;

  @ApiProperty({ type: NamedRefView })
  startup: NamedRefView;

  @ApiProperty({ type: TeamChallengeRefView })
  challenge: TeamChallengeRefView;

  @ApiProperty({ type: NamedRefView })
  sponsor: NamedRefView;

  @ApiProperty({ enum: MILESTONE_PLAN_STATUSES })
  planStatus: MilestonePlanStatus;

  @ApiProperty()
  milestonesAccepted: number;

  @ApiProperty()
  milestonesTotal: number;

  @ApiProperty({ description: 'Due before today (round’s zone) and not accepted' })
  overdue: number;

  @ApiProperty({ enum: RAG_STATUSES, nullable: true })
  latestRag: RagStatus | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastUpdateAt: string | null;

  @ApiProperty({ type: PaymentTotalsView })
  payments: PaymentTotalsView;
}

export class RoundProgressView {
  @ApiProperty({ format: 'uuid' })
  roundId: string;

  @ApiProperty({ format: 'date', description: 'Today in the round’s time zone' })
  today: string;

  @ApiProperty({
    type: [TeamProgressView],
    description: 'The teams you may see, in selection order',
  })
  items: TeamProgressView[];
}
