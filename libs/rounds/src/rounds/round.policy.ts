import { Injectable } from '@nestjs/common';
import type { Actor } from '@catalyst/identity';
import type { Round } from './round.entity';

type Scoped = Pick<Round, 'programmeId'>;

/**
 * Who may see and run rounds. A round belongs to one programme, and only that programme's
 * managers (the programme managers of its operator) run it; to a programme manager of another
 * programme it is 404, as to a stranger.
 *
 * Rounds are not secret otherwise: every signed-in user with business in the programmes
 * (sponsors, assessors, startups) reads them once they are announced. A draft round is not
 * announced yet, so only its managers and sponsors (who propose challenges into it) see it.
 */
@Injectable()
export class RoundsPolicy {
  /** May create rounds at all (in one of their programmes). */
  canCreate(actor: Actor): boolean {
    return actor.isProgrammeManager;
  }

  canManage(actor: Actor, round: Scoped): boolean {
    return actor.managesProgramme(round.programmeId);
  }

  canSee(actor: Actor, round: Scoped & Pick<Round, 'status'>): boolean {
    if (this.canManage(actor, round)) return true;
    if (actor.isOnlyProgrammeManager) return false;
    return round.status !== 'draft' || actor.hasRole('sponsor');
  }

  /** The list filter equivalent to canSee. */
  listScope(actor: Actor): RoundListScope {
    return {
      managedProgrammeIds: [...actor.managedProgrammeIds],
      others: actor.isOnlyProgrammeManager
        ? 'none'
        : actor.hasRole('sponsor')
          ? 'all'
          : 'announced',
    };
  }
}

/**
 * What a round list may show: every round of the caller's own programmes, and of the others
 * none (a programme manager and nothing else), the announced ones, or all (sponsors, who
 * propose challenges into draft rounds of any programme).
 */
export interface RoundListScope {
  managedProgrammeIds: string[];
  others: 'none' | 'announced' | 'all';
}

/** The SQL equivalent of a round list scope, over the rounds alias `r`. */
export function roundScopeSql(
  scope: RoundListScope,
  alias = 'r',
): { sql: string; params: Record<string, unknown> } | null {
  if (scope.others === 'all') return null;
  const clauses: string[] = [];
  if (scope.managedProgrammeIds.length)
    clauses.push(`${alias}.programme_id IN (:...scopeProgrammes)`);
  if (scope.others === 'announced') clauses.push(`${alias}.status <> 'draft'`);
  return {
    sql: clauses.length ? `(${clauses.join(' OR ')})` : 'false',
    params: { scopeProgrammes: scope.managedProgrammeIds },
  };
}
