import { ApiProperty } from '@nestjs/swagger';
import { AllowedTransitionView } from '@catalyst/common';
import { ROUND_STATUSES, RoundStatus } from './round.state-machine';
import type { Round } from './round.entity';

/** A round as the signed-in API shows it. Instants are UTC; `timezone` is for display. */
export class RoundView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid', description: 'The programme the round belongs to' })
  programmeId: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ example: 'Europe/London' })
  timezone: string;

  @ApiProperty({ enum: ROUND_STATUSES })
  status: RoundStatus;

  @ApiProperty({ format: 'date-time' })
  opensAt: string;

  @ApiProperty({ format: 'date-time', description: 'Application deadline' })
  closesAt: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the open call actually ended (null while it has not)',
  })
  closedAt: string | null;

  @ApiProperty({ format: 'date', example: '2027-05-03' })
  acceleratorStartsOn: string;

  @ApiProperty({ format: 'date', example: '2027-08-20' })
  acceleratorEndsOn: string;

  @ApiProperty({ format: 'date', nullable: true, type: String })
  demoDayOn: string | null;

  @ApiProperty()
  blindReview: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  @ApiProperty({ description: 'Send back in If-Match when editing or moving it' })
  version: number;

  @ApiProperty({
    type: [AllowedTransitionView],
    description: 'The moves you may make now (empty when none)',
  })
  allowedTransitions: AllowedTransitionView<RoundStatus>[];
}

export class RoundPageView {
  @ApiProperty({ type: [RoundView] })
  items: RoundView[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export function toRoundView(
  round: Round,
  allowedTransitions: AllowedTransitionView<RoundStatus>[],
): RoundView {
  return {
    id: round.id,
    programmeId: round.programmeId,
    name: round.name,
    timezone: round.timezone,
    status: round.status,
    opensAt: round.opensAt.toISOString(),
    closesAt: round.closesAt.toISOString(),
    closedAt: round.closedAt?.toISOString() ?? null,
    acceleratorStartsOn: round.acceleratorStartsOn,
    acceleratorEndsOn: round.acceleratorEndsOn,
    demoDayOn: round.demoDayOn,
    blindReview: round.blindReview,
    createdAt: round.createdAt.toISOString(),
    updatedAt: round.updatedAt.toISOString(),
    version: round.version,
    allowedTransitions,
  };
}
