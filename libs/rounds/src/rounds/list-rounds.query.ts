import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '@catalyst/common';
import { ROUND_STATUSES, RoundStatus } from './round.state-machine';

export class RoundQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROUND_STATUSES })
  @IsOptional()
  @IsIn(ROUND_STATUSES)
  status?: RoundStatus;
}
