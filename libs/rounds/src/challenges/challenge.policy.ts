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
 * What a list may show: every challenge of the caller's own programmes, their own
 * organisations' challenges, and public ones — of announced (non-draft) rounds only when
 * `announcedRoundsOnly` — unless `publicOnes` is false (a programme manager and nothing else,
 * for whom other programmes' challenges are the public portal's business).
 */
export interface ListScope {
  managedProgrammeIds: string[];
  organisationIds: string[];
  publicOnes: boolean;
  announcedRoundsOnly: boolean;
}
export type EditDecision = 'allowed' | 'forbidden' | 'final';

type Owned = Pick<Challenge, 'sponsorOrganisationId' | 'status' | 'programmeId'>;

/**
 * Who may see and do what with a challenge, from the caller's memberships, the challenge's
 * sponsor organisation and its programme. The programme's managers see all its challenges;
 * sponsors see their own organisation's challenges in every state, in every programme;
 * everyone else sees public ones only (others are 404: their existence is not revealed). A
 * programme manager of another programme is "everyone else" for the roles they hold besides.
 */
@Injectable()
export class ChallengePolicy {
  constructor(private readonly rounds: RoundsPolicy = new RoundsPolicy()) {}

  /** The state-machine actor kinds the caller acts as for this challenge. */
  actorsFor(actor: Actor, challenge: Owned): ChallengeActor[] {
    const kinds: ChallengeActor[] = [];
    if (this.manages(actor, challenge)) kinds.push('programme_manager');
    if (this.isOwner(actor, challenge)) kinds.push('sponsor');
    return kinds;
  }

  /** A manager of the challenge's programme. */
  manages(actor: Actor, challenge: Pick<Challenge, 'programmeId'>): boolean {
    return actor.managesProgramme(challenge.programmeId);
  }

  isOwner(actor: Actor, challenge: Pick<Challenge, 'sponsorOrganisationId'>): boolean {
    return actor.hasRole('sponsor', challenge.sponsorOrganisationId);
  }

  canSee(actor: Actor, challenge: Owned): boolean {
    return (
      this.manages(actor, challenge) ||
      this.isOwner(actor, challenge) ||
      (!actor.isOnlyProgrammeManager && PUBLIC_CHALLENGE_STATUSES.includes(challenge.status))
    );
  }

  /**
   * canSee with the challenge's round taken into account: a public challenge of a round that is
   * not announced yet (draft) stays hidden from those who may not see that round.
   */
  canSeeInRound(
    actor: Actor,
    challenge: Owned & { round?: Pick<Round, 'status' | 'programmeId'> },
  ): boolean {
    if (!this.canSee(actor, challenge)) return false;
    if (this.manages(actor, challenge) || this.isOwner(actor, challenge)) return true;
    return !challenge.round || this.rounds.canSee(actor, challenge.round);
  }

  listScope(actor: Actor): ListScope {
    const roundScope = this.rounds.listScope(actor);
    return {
      managedProgrammeIds: [...actor.managedProgrammeIds],
      organisationIds: actor.organisationIds('sponsor'),
      publicOnes: roundScope.others !== 'none',
      announcedRoundsOnly: roundScope.others !== 'all',
    };
  }

  /** May propose challenges at all: a programme manager, or a sponsor of that organisation. */
  canProposeFor(actor: Actor, sponsorOrganisationId: string): boolean {
    return actor.isProgrammeManager || actor.hasRole('sponsor', sponsorOrganisationId);
  }

  /** May propose one into this round: its programme's managers, or the sponsor itself. */
  canCreateIn(
    actor: Actor,
    sponsorOrganisationId: string,
    round: Pick<Round, 'programmeId'>,
  ): boolean {
    return (
      actor.managesProgramme(round.programmeId) || actor.hasRole('sponsor', sponsorOrganisationId)
    );
  }

  canEdit(actor: Actor, challenge: Owned): EditDecision {
    if (FINAL.includes(challenge.status)) return 'final';
    if (this.manages(actor, challenge)) return 'allowed';
    if (this.isOwner(actor, challenge) && SPONSOR_EDITABLE.includes(challenge.status)) {
      return 'allowed';
    }
    return 'forbidden';
  }
}
