import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional } from 'class-validator';

export class UpdateApplicationDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string', nullable: true }, { type: 'number' }] },
    description:
      'Merged into the stored answers (JSON merge patch): given keys are replaced, `null` ' +
      'removes an answer, keys not given are kept. Types are checked as on creation.',
    example: { team_size: 5, website: null },
  })
  @IsOptional()
  @IsObject()
  answers?: Record<string, string | number | null>;
}
