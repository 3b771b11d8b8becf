import { EntityManager } from 'typeorm';
import { AuditEvent, AuditInput } from '@catalyst/audit';

const CHUNK = 1000;

/**
 * Many audit events in few statements (an assignment run makes one per assessment). Same
 * columns as AuditService.record; always inside the transaction that makes the change.
 */
export async function recordAuditEvents(
  manager: EntityManager,
  events: readonly AuditInput[],
): Promise<void> {
  for (let i = 0; i < events.length; i += CHUNK) {
    await manager.insert(
      AuditEvent,
      events.slice(i, i + CHUNK).map((e) => ({
        actorId: e.actor?.userId ?? null,
        correlationId: e.actor?.correlationId ?? null,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        fromState: e.from ?? null,
        toState: e.to ?? null,
        reason: e.reason ?? null,
        data: (e.data ?? null) as never,
      })),
    );
  }
}
