import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ReviewerAnswerView } from '../assessments/assessment.view';

export class BlindCopyAnswerDto {
  @ApiProperty({ description: 'A question key of the challenge.', maxLength: 200 })
  @IsString()
  @MaxLength(200)
  key: string;

  @ApiProperty({
    oneOf: [{ type: 'string', maxLength: 20000, nullable: true }, { type: 'number' }],
    description: 'What the panel reads (text or number); ignored when `withheld`.',
  })
  @Allow()
  value: string | number | null;

  @ApiProperty({ description: 'Hide the whole answer from the panel.' })
  @IsBoolean()
  withheld: boolean;
}

export class AmendBlindCopyDto {
  @ApiProperty({
    type: [BlindCopyAnswerDto],
    description:
      'The amended answers, one per question at most; questions left out keep the automatic ' +
      'redaction. Replaces any earlier amendment.',
  })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => BlindCopyAnswerDto)
  answers: BlindCopyAnswerDto[];
}

export class BlindCopyView {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty({ description: 'The round is blind: this copy is what its panel reads.' })
  blindReview: boolean;
  @ApiProperty({ description: 'A programme manager amended the automatic redaction.' })
  amended: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  amendedByUserId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) amendedAt: string | null;
  @ApiProperty({ description: 'For If-Match on the next amendment (0 before any).' })
  version: number;
  @ApiProperty({
    type: [ReviewerAnswerView],
    description: 'Exactly the answers an assessor of this application reads in a blind round.',
  })
  answers: ReviewerAnswerView[];
}
