import {
  ForbiddenError,
  InvalidTransitionError,
  ValidationFailedError,
} from '../errors/domain-errors';
import { withArticle } from '../text/article';

/**
 * One row of a transition table: from which states, to which state, which actors may make
 * the move, and whether a reason is required (decisions that a company or auditor may
 * challenge always carry one).
 */
export interface TransitionRule<S extends string, A extends string> {
  from: readonly S[];
  to: S;
  by: readonly A[];
  reasonRequired?: boolean;
}

/** One move the caller may make now, as views show it (`allowedTransitions`). */
export interface AllowedTransition<S extends string = string> {
  to: S;
  reasonRequired: boolean;
}

export interface TransitionCheck<S extends string, A extends string> {
  from: S;
  to: S;
  /** The actor kinds the caller acts as for this resource (decided by the policy layer). */
  actors: readonly A[];
  reason?: string;
}

/**
 * A state machine whose transition table is plain data. The same table answers "may this move
 * happen", lists the allowed targets for a 409, and names the move for the audit trail.
 */
export class StateMachine<S extends string, A extends string> {
  constructor(
    readonly entity: string,
    readonly states: readonly S[],
    readonly rules: readonly TransitionRule<S, A>[],
  ) {
    for (const rule of rules) {
      for (const state of [...rule.from, rule.to]) {
        if (!states.includes(state)) {
          throw new Error(`${entity} state machine names unknown state '${state}'`);
        }
      }
    }
  }

  /** Targets reachable from `from` by anyone. */
  targetsFrom(from: S): S[] {
    return [...new Set(this.rules.filter((r) => r.from.includes(from)).map((r) => r.to))];
  }

  /** Targets reachable from `from` by one of `actors`. */
  targetsFor(from: S, actors: readonly A[]): S[] {
    return [
      ...new Set(
        this.rules
          .filter((r) => r.from.includes(from) && r.by.some((a) => actors.includes(a)))
          .map((r) => r.to),
      ),
    ];
  }

  /**
   * The moves `actors` may make from `from`, each with whether it needs a reason: what a view's
   * `allowedTransitions` shows. Uses the same rule as `check` picks, so the two never disagree.
   */
  allowedFor(from: S, actors: readonly A[]): AllowedTransition<S>[] {
    return this.targetsFor(from, actors).map((to) => ({
      to,
      reasonRequired: !!this.ruleFor(from, to, actors)?.reasonRequired,
    }));
  }

  /**
   * 403 when the table has moves to `to` but none of `actors` may ever make one, whatever the
   * state: who asks is settled before the state is looked at, so a caller without the role
   * (another organisation's sponsor, say) never learns the state. A target no rule leads to
   * is left to `check` (409: a question of state, not of role).
   */
  assertMayRequest(to: S, actors: readonly A[]): void {
    const toTarget = this.rules.filter((r) => r.to === to);
    if (toTarget.length && !toTarget.some((r) => r.by.some((a) => actors.includes(a)))) {
      throw new ForbiddenError(`You may not move this ${this.entity} to '${to}'.`);
    }
  }

  /**
   * Throws 403 when the caller may never make a move to `to` (role before state), 409 (with
   * `allowed`) when the move is not in the table, 403 when the caller may not make it from this
   * state, 400 when a required reason is missing. Returns the matching rule.
   */
  check(move: TransitionCheck<S, A>): TransitionRule<S, A> {
    const { from, to, actors } = move;
    this.assertMayRequest(to, actors);
    const candidates = this.rules.filter((r) => r.from.includes(from) && r.to === to);
    if (candidates.length === 0) {
      throw new InvalidTransitionError(this.entity, from, to, this.targetsFrom(from));
    }
    const rule = this.ruleFor(from, to, actors);
    if (!rule) {
      throw new ForbiddenError(`You may not move this ${this.entity} from '${from}' to '${to}'.`);
    }
    if (rule.reasonRequired && !move.reason?.trim()) {
      throw new ValidationFailedError(
        `Moving ${withArticle(this.entity)} to '${to}' needs a reason.`,
        [{ field: 'reason', message: 'is required for this transition' }],
      );
    }
    return rule;
  }

  private ruleFor(from: S, to: S, actors: readonly A[]): TransitionRule<S, A> | undefined {
    return this.rules.find(
      (r) => r.from.includes(from) && r.to === to && r.by.some((a) => actors.includes(a)),
    );
  }
}
