import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, ValidateBy, ValidationOptions } from 'class-validator';

const MAX_CRITERIA = 100;
const KEY = /^[A-Za-z0-9_.-]{1,100}$/;

/** A plain object whose values are finite numbers (the keys are checked against the rubric). */
function IsScoreSheet(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isScoreSheet',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.keys(value).length <= MAX_CRITERIA &&
          Object.entries(value).every(
            ([k, v]) => KEY.test(k) && typeof v === 'number' && Number.isFinite(v),
          ),
        defaultMessage: () =>
          `scores must be an object of criterion keys to numbers (at most ${MAX_CRITERIA})`,
      },
    },
    options,
  );
}

export class SaveScoresDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { impact: 4, feasibility: 3 },
    description:
      'The full score sheet: it replaces the scores saved before (criteria left out are ' +
      'unscored). Each key must be a rubric criterion; each score must lie within 0..maxScore.',
  })
  @IsScoreSheet()
  scores: Record<string, number>;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 20000,
    description: 'Left unchanged when absent; null clears it.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  comment?: string | null;
}
