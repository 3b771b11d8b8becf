import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsString,
  MaxLength,
  Validate,
} from 'class-validator';
import { IsOptionalNotNull } from '@catalyst/common';
import { WebhookEventsConstraint } from './create-webhook.dto';

export class UpdateWebhookDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ example: ['application.*'] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Validate(WebhookEventsConstraint)
  events?: string[];

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({
    enum: ['active'],
    description: 'Set `active` to turn a disabled endpoint back on',
  })
  @IsOptionalNotNull()
  @IsIn(['active'])
  status?: 'active';
}
