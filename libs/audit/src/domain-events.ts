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
  /**
   * A fresh UUID per recorded event, the same for every reader of it: the id of "this
   * happening" (subscriptions key their jobs on it). Always set by AuditService.
   */
  eventId?: string;
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

/**
 * What an event is: an exact name (`milestone.accepted`), every event of an entity
 * (`application.*`), or every event (`*`).
 */
export type EventPattern = DeclaredEventName | `${string}.*` | '*' | (string & {});

/** A recorded event as a subscription sees it: its id is always there. */
export type SubscribedEvent = PublishedEvent<string> & { eventId: string };

/** A further reader of events (notifications, webhooks): one outbox row per event and reader. */
export interface Subscription<J> {
  /** Names the subscriber; unique, and part of nothing stored but the log. */
  name: string;
  job: JobDefinition<J>;
  /** Deterministic, and distinct from every other subscriber's for the same event. */
  jobId(event: SubscribedEvent): string;
  jobData(event: SubscribedEvent): J;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySubscription = Subscription<any>;

const subscriptions: { patterns: readonly EventPattern[]; subscription: AnySubscription }[] = [];

/**
 * Declares a further subscriber of events, besides the one `publishes` allows: for each event
 * matching one of `patterns`, `AuditService.record` writes one more outbox row in the same
 * transaction, relayed to this subscription's job like any other. An event may have one
 * publication and any number of subscriptions; each row is relayed on its own, so one
 * subscriber's outage never holds back another's.
 */
export function subscribe<J>(
  patterns: EventPattern | readonly EventPattern[],
  subscription: Subscription<J>,
): void {
  const existing = subscriptions.find((s) => s.subscription.name === subscription.name);
  if (existing && existing.subscription !== subscription) {
    throw new Error(`subscriber '${subscription.name}' is declared twice`);
  }
  if (existing) return;
  subscriptions.push({ patterns: ([] as EventPattern[]).concat(patterns), subscription });
}

function matches(pattern: EventPattern, action: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return action.startsWith(pattern.slice(0, -1));
  return pattern === action;
}

/**
 * Every reader of an event, in a stable order: its publication first (if any), then each
 * matching subscription in the order declared.
 */
export function subscribersOf(action: string): (AnyPublication | AnySubscription)[] {
  const publication = publications.get(action);
  const subscribed = subscriptions
    .filter((s) => s.patterns.some((p) => matches(p, action)))
    .map((s) => s.subscription);
  return [...(publication ? [publication] : []), ...subscribed];
}
