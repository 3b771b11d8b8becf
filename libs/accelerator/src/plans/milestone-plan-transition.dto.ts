import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { IsOptionalNotNull } from '@catalyst/common';
import { MILESTONE_PLAN_STATUSES, MilestonePlanStatus } from './milestone-plan.state-machine';

export class MilestonePlanTransitionDto {
  @ApiProperty({
    enum: MILESTONE_PLAN_STATUSES,
    description:
      '`proposed` (the team, with at least one milestone), `agreed` (the sponsor), `reopened` ' +
      '(either side, with a reason). A programme manager may act for either side.',
  })
  @IsIn(MILESTONE_PLAN_STATUSES)
  to: MilestonePlanStatus;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
