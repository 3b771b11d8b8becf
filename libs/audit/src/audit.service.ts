import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEvent } from './audit-event.entity';
import { randomUUID } from 'node:crypto';
import { EventPayload, subscribersOf } from './domain-events';
import { OutboxEvent } from './outbox-event.entity';

export interface AuditActor {
  userId: string | null;
  correlationId?: string;
}

interface AuditFields<A extends string> {
  actor: AuditActor | null;
  action: A;
  entityType: string;
  entityId: string;
  from?: string | null;
  to?: string | null;
  reason?: string | null;
  /** The programme the entity belongs to; omit for instance-level events (identity, ops). */
  programmeId?: string | null;
  /**
   * For an instance-level event about one operator organisation (the organisation, invitations
   * into it, its memberships): that operator, whose programme managers alone read it.
   */
  operatorOrganisationId?: string | null;
}

/**
 * One audit event / domain event. For a declared name (`DomainEvents`) `data` is its declared
 * payload, required when that has required fields; for other names any object.
 */
export type AuditInput<A extends string = string> = AuditFields<A> &
  (Record<string, never> extends EventPayload<A>
    ? { data?: EventPayload<A> | null }
    : { data: EventPayload<A> });

/** The system itself (jobs, start-up bootstrap). */
export const SYSTEM_ACTOR: AuditActor = { userId: null };

/** Rows per INSERT statement for a batch (an assignment run makes one per assessment). */
const CHUNK = 1000;

/**
 * Writes audit events, and the outbox rows of the events declared as published: the one write
 * path for single events and batches. Always pass the EntityManager of the transaction that
 * makes the change, so the change, its record and its outbox row commit or roll back together.
 *
 * Each row takes the wall-clock time of its own write (clock_timestamp(), not the
 * transaction's start) and a sequence number, and the audit list orders by (at, seq): events
 * keep the order they were written in, within a batch and across transactions.
 */
@Injectable()
export class AuditService {
  async record<A extends string>(manager: EntityManager, input: AuditInput<A>): Promise<void> {
    await this.recordMany(manager, [input]);
  }

  /** Many events in few statements, in the given order. */
  async recordMany(manager: EntityManager, events: readonly AuditInput[]): Promise<void> {
    for (let i = 0; i < events.length; i += CHUNK) {
      const chunk = events.slice(i, i + CHUNK);
      await manager.insert(AuditEvent, chunk.map(toRow));
      const outbox = chunk.flatMap(toOutboxRow);
      if (outbox.length) await manager.insert(OutboxEvent, outbox);
    }
  }
}

function toRow(e: AuditInput) {
  return {
    actorId: e.actor?.userId ?? null,
    correlationId: e.actor?.correlationId ?? null,
    action: e.action,
    programmeId: e.programmeId ?? null,
    operatorOrganisationId: e.operatorOrganisationId ?? null,
    entityType: e.entityType,
    entityId: e.entityId,
    fromState: e.from ?? null,
    toState: e.to ?? null,
    reason: e.reason ?? null,
    data: (e.data ?? null) as never,
    at: () => 'clock_timestamp()',
  };
}

/** One outbox row per reader of the event (its publication, then its subscriptions). */
function toOutboxRow(e: AuditInput) {
  const readers = subscribersOf(e.action);
  if (readers.length === 0) return [];
  const event = {
    eventId: randomUUID(),
    action: e.action,
    programmeId: e.programmeId ?? null,
    entityType: e.entityType,
    entityId: e.entityId,
    data: e.data ?? {},
  };
  return readers.map((reader) => ({
    event: e.action,
    payload: {
      eventId: event.eventId,
      programmeId: event.programmeId,
      entityType: e.entityType,
      entityId: e.entityId,
      data: event.data,
    } as never,
    queue: reader.job.queue,
    jobName: reader.job.name,
    jobId: reader.jobId(event),
    jobData: reader.jobData(event) as never,
    jobOptions: { ...reader.job.retry } as never,
    createdAt: () => 'clock_timestamp()',
  }));
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
