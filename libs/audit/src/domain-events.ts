import type { JobDefinition } from '@catalyst/queues';

/**
 * The event vocabulary: `entity.verb` name → payload type (the audit event's `data`). Each
 * library declares its own events in `<library>.events.ts` by augmenting this interface:
 *
 *   declare module '@catalyst/audit' {
 *     interface DomainEvents { 'ping.sent': Record<string, never> }
 *   }
 *
 * `AuditService.record` then checks the payload of a declared name at compile time. Names not
 * (yet) declared, such as the `<entity>.<to>` actions a transition table computes, are
 * accepted with any object payload.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DomainEvents {}

export type DeclaredEventName = Extract<keyof DomainEvents, string>;

/** The payload of an event name: its declared type, or any object for undeclared names. */
export type EventPayload<A extends string> = A extends DeclaredEventName
  ? DomainEvents[A]
  : Record<string, unknown>;

/** How a published event becomes a job: which job, its deterministic id and its payload. */
export interface Publication<A extends string, J> {
  job: JobDefinition<J>;
  /** Deterministic, so the same fact relayed twice is one job (BullMQ forbids ':'). */
  jobId(event: PublishedEvent<A>): string;
  jobData(event: PublishedEvent<A>): J;
}

export interface PublishedEvent<A extends string> {
  action: A;
  /** The programme the event belongs to; null for instance-level events. */
  programmeId: string | null;
  entityType: string;
  entityId: string;
  data: EventPayload<A>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyPublication = Publication<string, any>;

const publications = new Map<string, AnyPublication>();

/**
 * Declares that an event is published: besides its audit row, `AuditService.record` writes an
 * outbox row in the same transaction, and the worker relays it to the job named here. Called
 * in the owning library's `<library>.events.ts`.
 */
export function publishes<A extends DeclaredEventName, J>(
  action: A,
  publication: Publication<A, J>,
): void {
  const existing = publications.get(action);
  if (existing && existing !== publication) {
    throw new Error(`event '${action}' is published twice`);
  }
  publications.set(action, publication);
}

export function publicationOf(action: string): AnyPublication | undefined {
  return publications.get(action);
}
