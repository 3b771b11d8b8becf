import { Injectable } from '@nestjs/common';
import type { Actor } from '@catalyst/identity';
import type { Round } from './round.entity';

/**
 * Who may see and run rounds. Rounds are not secret: every signed-in user may read them once
 * they are announced. A draft round is not announced yet, so only programme managers and
 * sponsors (who propose challenges into it) see it; anyone else gets 404.
 */
@Injectable()
export class RoundsPolicy {
  canManage(actor: Actor): boolean {
    return actor.isProgrammeManager;
  }

  seesDraftRounds(actor: Actor): boolean {
    return actor.isProgrammeManager || actor.hasRole('sponsor');
  }

  canSee(actor: Actor, round: Pick<Round, 'status'>): boolean {
    return round.status !== 'draft' || this.seesDraftRounds(actor);
  }
}
