import { ApiPropertyOptional, SchemaObject } from '@nestjs/swagger';
import { IsObject, IsUUID } from 'class-validator';
import type { AnswerValue } from '../application.entity';
import { IsOptionalNotNull } from '@catalyst/common';

export const ANSWERS_SCHEMA: {
  type: 'object';
  additionalProperties: SchemaObject;
  example: Record<string, unknown>;
} = {
  type: 'object',
  additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
  example: { team_size: 4, website: 'https://example.org', approach: 'We …' },
};

export class CreateApplicationDto {
  @ApiPropertyOptional({
    ...ANSWERS_SCHEMA,
    description:
      'Answers by question key. Checked for type now (numbers, http(s) URLs, choices among ' +
      'the options, no unknown keys); required answers and lengths are checked on submission.',
  })
  @IsOptionalNotNull()
  @IsObject()
  answers?: Record<string, AnswerValue>;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The applying company. Needed only when the caller is a member of several startups; ' +
      'defaults to the caller’s one startup organisation.',
  })
  @IsOptionalNotNull()
  @IsUUID()
  startupOrganisationId?: string;
}
