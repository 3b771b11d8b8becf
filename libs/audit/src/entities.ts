import { AuditEvent } from './audit-event.entity';

export const AUDIT_ENTITIES = [AuditEvent];
