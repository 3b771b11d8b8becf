import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

export class CreateModerationNoteDto {
  @ApiProperty({ maxLength: 10000 })
  @IsString()
  @Matches(/\S/, { message: 'body must not be blank' })
  @MaxLength(10000)
  body: string;
}

export class ModerationNoteView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) authorUserId: string;
  @ApiProperty() authorName: string;
  @ApiProperty() body: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ModerationNotePageView {
  @ApiProperty({ type: [ModerationNoteView] }) items: ModerationNoteView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
