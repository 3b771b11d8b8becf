import { AuditEvent } from './audit-event.entity';
import { OutboxEvent } from './outbox-event.entity';

export const AUDIT_ENTITIES = [AuditEvent, OutboxEvent];
