import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { IsOptionalNotNull } from '@catalyst/common';

export class PingRequestDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Reuse an id to prove idempotency' })
  @IsOptionalNotNull()
  @IsUUID()
  pingId?: string;
}
