import { ApiProperty } from '@nestjs/swagger';
import { AllowedTransitionView } from '@catalyst/common';
import type { MilestonePlan } from './milestone-plan.entity';
import { MILESTONE_PLAN_STATUSES, MilestonePlanStatus } from './milestone-plan.state-machine';

export class MilestonePlanView {
  @ApiProperty({ format: 'uuid' })
  teamId: string;

  @ApiProperty({
    enum: MILESTONE_PLAN_STATUSES,
    description:
      '`draft` → `proposed` (the team) → `agreed` (the sponsor); `reopened` (with a reason) to change it again',
  })
  status: MilestonePlanStatus;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  agreedAt: string | null;

  @ApiProperty({
    description: 'Moves with every change to the plan’s milestones; send in If-Match',
  })
  version: number;

  @ApiProperty({ type: [AllowedTransitionView] })
  allowedTransitions: AllowedTransitionView<MilestonePlanStatus>[];
}

export function toMilestonePlanView(
  teamId: string,
  plan: MilestonePlan | null,
  allowed: AllowedTransitionView<MilestonePlanStatus>[],
): MilestonePlanView {
  return {
    teamId,
    status: plan?.status ?? 'draft',
    agreedAt: plan?.agreedAt?.toISOString() ?? null,
    version: plan?.version ?? 0,
    allowedTransitions: allowed,
  };
}
