import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { WebhookAttempt } from './webhook-attempt.entity';
import type { WebhookDelivery } from './webhook-delivery.entity';
import type { WebhookEndpoint } from './webhook-endpoint.entity';

export class WebhookDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty({ example: 'https://crm.example.org/hooks/catalyst' })
  url: string;

  @ApiProperty({ example: ['application.*'] })
  events: string[];

  @ApiProperty({ nullable: true, type: String })
  description: string | null;

  @ApiProperty({ enum: ['active', 'disabled'] })
  status: 'active' | 'disabled';

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  failingSince: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  disabledAt: string | null;

  @ApiProperty({ nullable: true, type: String })
  disabledReason: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty()
  version: number;

  static from(e: WebhookEndpoint): WebhookDto {
    return {
      id: e.id,
      organisationId: e.organisationId,
      url: e.url,
      events: e.events,
      description: e.description,
      status: e.status,
      failingSince: e.failingSince?.toISOString() ?? null,
      disabledAt: e.disabledAt?.toISOString() ?? null,
      disabledReason: e.disabledReason,
      createdAt: e.createdAt.toISOString(),
      version: e.version,
    };
  }
}

export class WebhookWithSecretDto extends WebhookDto {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'The signing secret, shown this once: keep it to verify `webhook-signature`',
  })
  secret: string;
}

export class WebhookAttemptDto {
  @ApiProperty()
  number: number;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ nullable: true, type: Number, description: 'The receiver’s HTTP status' })
  statusCode: number | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  error: string | null;

  @ApiProperty()
  durationMs: number;

  static from(a: WebhookAttempt): WebhookAttemptDto {
    return {
      number: a.number,
      at: a.at.toISOString(),
      statusCode: a.statusCode,
      error: a.error,
      durationMs: a.durationMs,
    };
  }
}

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'The `webhook-id` header' })
  messageId: string;

  @ApiProperty({ example: 'application.submitted' })
  eventType: string;

  @ApiProperty({ enum: ['pending', 'succeeded', 'failed', 'cancelled'] })
  status: string;

  @ApiProperty({ nullable: true, type: Number })
  lastStatusCode: number | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: [WebhookAttemptDto] })
  attempts: WebhookAttemptDto[];

  static from(d: WebhookDelivery, attempts: WebhookAttempt[]): WebhookDeliveryDto {
    return {
      id: d.id,
      messageId: d.messageId,
      eventType: d.eventType,
      status: d.status,
      lastStatusCode: d.lastStatusCode,
      createdAt: d.createdAt.toISOString(),
      attempts: attempts.map((a) => WebhookAttemptDto.from(a)),
    };
  }
}

export class WebhookDeliveryPageDto {
  @ApiProperty({ type: [WebhookDeliveryDto] })
  items: WebhookDeliveryDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}

export class WebhookPageDto {
  @ApiProperty({ type: [WebhookDto] })
  items: WebhookDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}
