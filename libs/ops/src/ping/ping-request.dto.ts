import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID, ValidateIf } from 'class-validator';

export class PingRequestDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Reuse an id to prove idempotency' })
  // Absent is fine (an id is made up); null is not a ping id and is refused.
  @ValidateIf((_, value) => value !== undefined)
  @IsUUID()
  pingId?: string;
}
