import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptionalNotNull } from '@catalyst/common';
import { CONTENT_KEY } from '@catalyst/rounds';
import { IsString, Matches, MaxLength } from 'class-validator';

export class CreateModerationNoteDto {
  @ApiProperty({ maxLength: 10000 })
  @IsString()
  @Matches(/\S/, { message: 'body must not be blank' })
  @MaxLength(10000)
  body: string;

  @ApiPropertyOptional({
    description: 'The stage the note is about; the first (`sift`) if not given.',
  })
  @IsOptionalNotNull()
  @IsString()
  @Matches(CONTENT_KEY, { message: 'must be a stage key' })
  stage?: string;
}

export class ModerationNoteView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ description: 'The stage the note is about.' }) stage: string;
  @ApiProperty({ format: 'uuid' }) authorUserId: string;
  @ApiProperty() authorName: string;
  @ApiProperty() body: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ModerationNotePageView {
  @ApiProperty({ type: [ModerationNoteView] }) items: ModerationNoteView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
