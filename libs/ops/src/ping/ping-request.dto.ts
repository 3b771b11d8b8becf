import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class PingRequestDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Reuse an id to prove idempotency' })
  @IsOptional()
  @IsUUID()
  pingId?: string;
}
