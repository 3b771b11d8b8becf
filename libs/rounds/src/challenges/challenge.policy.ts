import { Injectable } from '@nestjs/common';
import type { Actor } from '@catalyst/identity';
import type { Round } from '../rounds/round.entity';
import { RoundsPolicy } from '../rounds/round.policy';
import type { Challenge } from './challenge.entity';
import type { ChallengeActor, ChallengeStatus } from './challenge.state-machine';

/**
 * States in which a challenge is public knowledge: every signed-in user may read it (startups
 * to apply, assessors to score against its rubric after the call closes).
 */
export const PUBLIC_CHALLENGE_STATUSES: readonly ChallengeStatus[] = ['published', 'closed'];

/** States in which the owning sponsor may still edit; programme managers may until it closes. */
const SPONSOR_EDITABLE: readonly ChallengeStatus[] = ['draft', 'submitted'];
const FINAL: readonly ChallengeStatus[] = ['closed', 'withdrawn'];

/**
 * What a list may show: everything, or the caller's own organisations' challenges plus public
 * ones — of announced (non-draft) rounds only when `announcedRoundsOnly`.
 */
export type ListScope =
  | { kind: 'all' }
  | { kind: 'own-or-public'; organisationIds: string[]; announcedRoundsOnly: boolean };
export type EditDecision = 'allowed' | 'forbidden' | 'final';

type Owned = Pick<Challenge, 'sponsorOrganisationId' | 'status'>;

/**
 * Who may see and do what with a challenge, from the caller's memberships and the challenge's
 * sponsor organisation. Programme managers see everything; sponsors see their own
 * organisation's challenges in every state; everyone else sees public ones only (others are
 * 404: their existence is not revealed).
 */
@Injectable()
export class ChallengePolicy {
  constructor(private readonly rounds: RoundsPolicy = new RoundsPolicy()) {}

  /** The state-machine actor kinds the caller acts as for this challenge. */
  actorsFor(actor: Actor, challenge: Owned): ChallengeActor[] {
    const kinds: ChallengeActor[] = [];
    if (actor.isProgrammeManager) kinds.push('programme_manager');
    if (this.isOwner(actor, challenge)) kinds.push('sponsor');
    return kinds;
  }

  isOwner(actor: Actor, challenge: Pick<Challenge, 'sponsorOrganisationId'>): boolean {
    return actor.hasRole('sponsor', challenge.sponsorOrganisationId);
  }

  canSee(actor: Actor, challenge: Owned): boolean {
    return (
      actor.isProgrammeManager ||
      this.isOwner(actor, challenge) ||
      PUBLIC_CHALLENGE_STATUSES.includes(challenge.status)
    );
  }

  /**
   * canSee with the challenge's round taken into account: a public challenge of a round that is
   * not announced yet (draft) stays hidden from those who may not see that round.
   */
  canSeeInRound(actor: Actor, challenge: Owned & { round?: Pick<Round, 'status'> }): boolean {
    if (!this.canSee(actor, challenge)) return false;
    if (actor.isProgrammeManager || this.isOwner(actor, challenge)) return true;
    return !challenge.round || this.rounds.canSee(actor, challenge.round);
  }

  listScope(actor: Actor): ListScope {
    return actor.isProgrammeManager
      ? { kind: 'all' }
      : {
          kind: 'own-or-public',
          organisationIds: actor.organisationIds('sponsor'),
          announcedRoundsOnly: !this.rounds.seesDraftRounds(actor),
        };
  }

  canCreateFor(actor: Actor, sponsorOrganisationId: string): boolean {
    return actor.isProgrammeManager || actor.hasRole('sponsor', sponsorOrganisationId);
  }

  canEdit(actor: Actor, challenge: Owned): EditDecision {
    if (FINAL.includes(challenge.status)) return 'final';
    if (actor.isProgrammeManager) return 'allowed';
    if (this.isOwner(actor, challenge) && SPONSOR_EDITABLE.includes(challenge.status)) {
      return 'allowed';
    }
    return 'forbidden';
  }
}
