import { ApiProperty } from '@nestjs/swagger';

export class AuditEventDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Null when the system acted (jobs, start-up bootstrap)',
  })
  actorId: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The programme the event belongs to; null for instance-level events',
  })
  programmeId: string | null;

  @ApiProperty({ example: 'invitation.accepted' })
  action: string;

  @ApiProperty({ example: 'invitation' })
  entityType: string;

  @ApiProperty()
  entityId: string;

  @ApiProperty({ type: String, nullable: true, example: 'pending' })
  from: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'accepted' })
  to: string | null;

  @ApiProperty({ type: String, nullable: true })
  reason: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The x-correlation-id of the request that made the change',
  })
  correlationId: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'Context: changed fields ({ field: { from, to } }) and other details',
  })
  data: Record<string, unknown> | null;

  @ApiProperty({ format: 'date-time' })
  at: string;
}

export class AuditEventPageDto {
  @ApiProperty({ type: [AuditEventDto] })
  items: AuditEventDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
