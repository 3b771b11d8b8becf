import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { PageQueryDto, IsOptionalNotNull } from '@catalyst/common';
import { ROUND_STATUSES, RoundStatus } from './round.state-machine';

export class RoundQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROUND_STATUSES })
  @IsOptionalNotNull()
  @IsIn(ROUND_STATUSES)
  status?: RoundStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this programme’s rounds' })
  @IsOptionalNotNull()
  @IsUUID()
  programmeId?: string;
}
