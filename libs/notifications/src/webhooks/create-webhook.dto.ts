import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsString,
  MaxLength,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { IsOptionalNotNull } from '@catalyst/common';
import { WEBHOOK_EVENT_TYPES, isWebhookEventPattern } from './webhook-events';

@ValidatorConstraint({ name: 'webhookEvents' })
export class WebhookEventsConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return (
      Array.isArray(value) && value.every((v) => typeof v === 'string' && isWebhookEventPattern(v))
    );
  }

  defaultMessage(): string {
    return `events must be among ${WEBHOOK_EVENT_TYPES.join(', ')}, or <entity>.* (application.*, milestone.*)`;
  }
}

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://crm.example.org/hooks/catalyst', maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  url: string;

  @ApiProperty({
    example: ['application.*', 'milestone.accepted'],
    description: `Event types (${WEBHOOK_EVENT_TYPES.join(', ')}) or wildcards by entity (\`application.*\`)`,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Validate(WebhookEventsConstraint)
  events: string[];

  @ApiPropertyOptional({ example: 'Our CRM', maxLength: 500 })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(500)
  description?: string;
}
