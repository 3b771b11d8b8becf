import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { IsOptionalNotNull, PageQueryDto } from '@catalyst/common';
import { CONTENT_KEY } from '@catalyst/rounds';

export const STAGE_QUERY_DOC =
  'The assessment stage (its key, e.g. `interview`); the first stage (`sift`) when not given.';

/** `?stage=<key>` on panels, assignments, assessments, ranking, progress and moderation. */
export class StageQuery {
  @ApiPropertyOptional({ description: STAGE_QUERY_DOC, example: 'interview' })
  @IsOptionalNotNull()
  @IsString()
  @Matches(CONTENT_KEY, { message: 'must be a stage key' })
  stage?: string;
}

export class StagePageQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: STAGE_QUERY_DOC, example: 'interview' })
  @IsOptionalNotNull()
  @IsString()
  @Matches(CONTENT_KEY, { message: 'must be a stage key' })
  stage?: string;
}
