import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDate,
  IsInt,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsOptionalNotNull } from '@catalyst/common';

export class CreateInterviewSlotDto {
  @ApiProperty({ format: 'date-time' })
  @Type(() => Date)
  @IsDate()
  startsAt: Date;

  @ApiProperty({ minimum: 1, maximum: 480, example: 30 })
  @IsInt()
  @Min(1)
  @Max(480)
  lengthMinutes: number;

  @ApiPropertyOptional({ maxLength: 500, description: 'Where: a place, or give `videoUrl`.' })
  @IsOptionalNotNull()
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(500)
  place?: string;

  @ApiPropertyOptional({ format: 'uri', description: 'A video call link (https).' })
  @IsOptionalNotNull()
  @IsUrl({ protocols: ['https'], require_protocol: true })
  @MaxLength(2000)
  videoUrl?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Give the slot to this application (entered into the stage) at once.',
  })
  @IsOptionalNotNull()
  @IsUUID()
  applicationId?: string;
}

export class BookInterviewSlotDto {
  @ApiProperty({ format: 'uuid', description: 'Your company’s application in the stage.' })
  @IsUUID()
  applicationId: string;
}

export class InterviewSlotView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty() stage: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty() lengthMinutes: number;
  @ApiProperty({ type: String, nullable: true }) place: string | null;
  @ApiProperty({ type: String, nullable: true }) videoUrl: string | null;
  @ApiProperty({ description: 'Given to or booked by an application.' }) taken: boolean;
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'The application it is given to: for programme managers, the sponsor, the panel, and ' +
      'the company whose slot it is.',
  })
  applicationId?: string | null;
  @ApiPropertyOptional({ description: 'The company interviewed (an interview is never blind).' })
  companyName?: string;
  @ApiProperty() version: number;
}

export class InterviewSlotPageView {
  @ApiProperty({ type: [InterviewSlotView] }) items: InterviewSlotView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
