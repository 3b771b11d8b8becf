import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEvent } from './audit-event.entity';

export interface AuditActor {
  userId: string | null;
  correlationId?: string;
}

export interface AuditInput {
  actor: AuditActor | null;
  action: string;
  entityType: string;
  entityId: string;
  from?: string | null;
  to?: string | null;
  reason?: string | null;
  data?: Record<string, unknown> | null;
}

/** The system itself (jobs, start-up bootstrap). */
export const SYSTEM_ACTOR: AuditActor = { userId: null };

/**
 * Writes audit events. Always pass the EntityManager of the transaction that makes the change,
 * so the change and its record commit or roll back together.
 */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, input: AuditInput): Promise<void> {
    await manager.insert(AuditEvent, {
      actorId: input.actor?.userId ?? null,
      correlationId: input.actor?.correlationId ?? null,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      fromState: input.from ?? null,
      toState: input.to ?? null,
      reason: input.reason ?? null,
      data: (input.data ?? null) as never,
      // Wall-clock time of the write, not of the transaction's start: events written in one
      // transaction keep the order they were recorded in.
      at: () => 'clock_timestamp()',
    });
  }
}

/** Field-by-field difference of two plain objects, for the `data` of an edit event. */
export function diff(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  fields: readonly string[],
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of fields) {
    const a = normalise(before[field]);
    const b = normalise(after[field]);
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[field] = { from: a, to: b };
  }
  return changes;
}

function normalise(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : (value ?? null);
}
