import { ApiProperty } from '@nestjs/swagger';
import type { EntityManager } from 'typeorm';
import { NotFoundError } from '../errors/domain-errors';
import { assertVersion } from '../http/if-match';
import type { AllowedTransition, StateMachine, TransitionRule } from './state-machine';

/** The body of every `POST /{collection}/{id}/transitions`. */
export interface TransitionRequest<S extends string> {
  to: S;
  reason?: string | null;
}

/** The audit event the use case writes; shaped like `AuditService.record`'s input. */
export interface TransitionAuditEvent<Caller> {
  actor: Caller;
  action: string;
  entityType: string;
  entityId: string;
  from: string;
  to: string;
  reason: string | null;
  data: Record<string, unknown> | null;
  /** The programme the entity belongs to (`programmeOf`); null for instance-level entities. */
  programmeId: string | null;
  /** The operator organisation an instance-level entity belongs to (`operatorOrganisationOf`). */
  operatorOrganisationId: string | null;
}

/** What a guard, the change and every hook are told about the move being made. */
export interface TransitionContext<E, S extends string, A extends string, Caller> {
  manager: EntityManager;
  actor: Caller;
  /** The row as loaded (and locked) before the change. */
  entity: E;
  from: S;
  to: S;
  /** Trimmed; null when none was given. */
  reason: string | null;
  rule: TransitionRule<S, A>;
  /** Extra data for the transition's audit event (guards and the change may add to it). */
  auditData: Record<string, unknown>;
}

/** A side effect of a move, declared beside the table rather than buried in the service. */
export interface TransitionHook<E, S extends string, A extends string, Caller> {
  /** For reading the declaration: what the hook does, e.g. 'close the round’s challenges'. */
  name: string;
  /** The hook runs when the move starts in one of `from` (any when omitted)… */
  from?: readonly S[];
  /** …and ends in one of `to` (any when omitted). */
  to?: readonly S[];
  run(context: TransitionContext<E, S, A, Caller>): Promise<void>;
}

/**
 * One entity's transition use case, as data. See ./README.md for how a library declares one.
 */
export interface TransitionDefinition<E, S extends string, A extends string, Caller> {
  machine: StateMachine<S, A>;
  /** Label for 404s ('Round', 'Challenge'); the error code area comes from `machine.entity`. */
  label: string;
  /** Loads the row FOR UPDATE (and anything it must lock first, in the one lock order). */
  load(manager: EntityManager, id: string): Promise<E | null>;
  /** The policy's visibility: false → 404. */
  visible(actor: Caller, entity: E): boolean;
  /** The policy's actors-for: which actor kinds of the table the caller is for this row. */
  actors(actor: Caller, entity: E): readonly A[];
  status(entity: E): S;
  version(entity: E): number;
  /** The programme the row belongs to, for its audit event (omit for instance-level rows). */
  programmeOf?(entity: E): string | null;
  /**
   * For an instance-level row that is one operator organisation's own business (an invitation
   * into it): that operator, for its audit event; omit otherwise.
   */
  operatorOrganisationOf?(entity: E): string | null;
  /** Rules beyond the table (dates, completeness); they throw, and run before anything is written. */
  guard?(context: TransitionContext<E, S, A, Caller>): Promise<void> | void;
  /** Writes the new state and what belongs with it (timestamps); the version must move. */
  apply(context: TransitionContext<E, S, A, Caller>): Promise<void>;
  /** Side effects, run in the same transaction after the change and its audit event. */
  hooks?: readonly TransitionHook<E, S, A, Caller>[];
  /** The one audit write path (`AuditService.record`). */
  audit(manager: EntityManager, event: TransitionAuditEvent<Caller>): Promise<void>;
}

/**
 * Runs one move inside the caller's transaction, always in this order:
 *
 * 1. load and lock the row; not there or not visible → 404 (`<entity>.not_found`);
 * 2. the caller's actor kinds may never make a move to `to` → 403 (role before state);
 * 3. `expectedVersion` (If-Match) is not the stored version → 409 `<entity>.stale_version`;
 * 4. the table: not a move from this state → 409 with `allowed`, not this caller's move → 403,
 *    a reason the rule requires is missing → 400;
 * 5. the definition's guard (422 business rules);
 * 6. the change, then the audit event `<entity>.<to>` (from, to, reason, data), then the hooks.
 *
 * Nothing is written before step 6, so a refused move leaves no row changed and no event.
 */
export async function runTransition<E, S extends string, A extends string, Caller>(
  definition: TransitionDefinition<E, S, A, Caller>,
  manager: EntityManager,
  actor: Caller,
  id: string,
  request: TransitionRequest<S>,
  expectedVersion: number | undefined,
): Promise<TransitionContext<E, S, A, Caller>> {
  const { machine } = definition;
  const entity = await definition.load(manager, id);
  if (!entity || !definition.visible(actor, entity)) throw new NotFoundError(definition.label, id);
  const actors = definition.actors(actor, entity);
  machine.assertMayRequest(request.to, actors);
  assertVersion(machine.entity, expectedVersion, definition.version(entity));
  const from = definition.status(entity);
  const reason = request.reason?.trim() || null;
  const rule = machine.check({ from, to: request.to, actors, reason: reason ?? undefined });
  const context: TransitionContext<E, S, A, Caller> = {
    manager,
    actor,
    entity,
    from,
    to: request.to,
    reason,
    rule,
    auditData: {},
  };
  await definition.guard?.(context);
  await definition.apply(context);
  await definition.audit(manager, {
    actor,
    action: `${machine.entity}.${request.to}`,
    entityType: machine.entity,
    entityId: id,
    from,
    to: request.to,
    reason,
    data: Object.keys(context.auditData).length ? context.auditData : null,
    programmeId: definition.programmeOf?.(entity) ?? null,
    operatorOrganisationId: definition.operatorOrganisationOf?.(entity) ?? null,
  });
  for (const hook of definition.hooks ?? []) {
    if (hook.from && !hook.from.includes(from)) continue;
    if (hook.to && !hook.to.includes(request.to)) continue;
    await hook.run(context);
  }
  return context;
}

/**
 * `allowedTransitions` of a view: the caller's moves from the row's state, computed from the
 * table and the policy's actors-for alone (no query), so lists stay one query per page.
 * `needsReason` adds reasons the table cannot know (e.g. a round closing before its date).
 */
export function allowedTransitions<S extends string, A extends string>(
  machine: StateMachine<S, A>,
  from: S,
  actors: readonly A[],
  needsReason?: (to: S) => boolean,
): AllowedTransition<S>[] {
  return machine
    .allowedFor(from, actors)
    .map((t) => (t.reasonRequired || !needsReason?.(t.to) ? t : { ...t, reasonRequired: true }));
}

/** `allowedTransitions[]` in the OpenAPI document of every stateful view. */
export class AllowedTransitionView<S extends string = string> implements AllowedTransition<S> {
  @ApiProperty({ type: String, description: 'A state you may move it to now' })
  to: S;

  @ApiProperty({ description: 'Whether that move needs a `reason`' })
  reasonRequired: boolean;
}
