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

  isState(value: string): value is S {
    return (this.states as readonly string[]).includes(value);
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
   * Throws 409 (with `allowed`) when the move is not in the table, 403 when the caller may not
   * make it, 400 when a required reason is missing. Returns the matching rule.
   */
  check(move: TransitionCheck<S, A>): TransitionRule<S, A> {
    const { from, to, actors } = move;
    const candidates = this.rules.filter((r) => r.from.includes(from) && r.to === to);
    if (candidates.length === 0) {
      throw new InvalidTransitionError(this.entity, from, to, this.targetsFrom(from));
    }
    const rule = candidates.find((r) => r.by.some((a) => actors.includes(a)));
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
}
