import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import {
  Clock,
  TransitionDefinition,
  TransitionRequest,
  allowedTransitions,
  runTransition,
} from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import { Round } from '../rounds/round.entity';
import { Challenge } from './challenge.entity';
import { ChallengePolicy } from './challenge.policy';
import {
  CHALLENGE_STATE_MACHINE,
  ChallengeActor,
  ChallengeStatus,
} from './challenge.state-machine';
import { ChallengeView, toChallengeView } from './challenge.view';
import { ChallengesService, ROUND_STATES_TAKING_CHALLENGES } from './challenges.service';
import { ChallengeCallClosedError, ChallengeRoundStageError } from './challenge.errors';

/** Moves that bring a challenge closer to the public: only while its round is draft or open. */
const FORWARD: readonly ChallengeStatus[] = ['submitted', 'approved', 'published'];

/** A challenge locked for a move, with its round (locked FOR SHARE before it). */
type LockedChallenge = Challenge & { round: Round };

@Injectable()
export class ChallengeTransitionsService {
  private readonly definition: TransitionDefinition<
    LockedChallenge,
    ChallengeStatus,
    ChallengeActor,
    Actor
  >;

  constructor(
    private readonly dataSource: DataSource,
    private readonly challenges: ChallengesService,
    private readonly policy: ChallengePolicy,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {
    this.definition = {
      machine: CHALLENGE_STATE_MACHINE,
      label: 'Challenge',
      load: async (manager, id) => {
        // Round first (shared), then the challenge: the same order as round transitions,
        // which lock the round and then cascade to its challenges, so the two never deadlock.
        const ref = await manager.findOne(Challenge, { where: { id }, select: { roundId: true } });
        if (!ref) return null;
        const round = await manager.findOne(Round, {
          where: { id: ref.roundId },
          lock: { mode: 'pessimistic_read' },
        });
        const challenge = await manager.findOne(Challenge, {
          where: { id },
          lock: { mode: 'pessimistic_write' },
        });
        return challenge && round ? Object.assign(challenge, { round }) : null;
      },
      visible: (actor, challenge) => this.challenges.canSee(actor, challenge),
      actors: (actor, challenge) => this.policy.actorsFor(actor, challenge),
      programmeOf: (challenge) => challenge.programmeId,
      status: (challenge) => challenge.status,
      version: (challenge) => challenge.version,
      guard: ({ entity: { round }, to }) => {
        if (
          FORWARD.includes(to) &&
          !(ROUND_STATES_TAKING_CHALLENGES as readonly string[]).includes(round.status)
        ) {
          throw new ChallengeRoundStageError(round.status, to);
        }
        if (to === 'published' && this.clock.now() >= round.closesAt) {
          // Nobody could apply: the portal would hide it and companies would never hear of it.
          throw new ChallengeCallClosedError();
        }
      },
      apply: async ({ manager, entity, to }) => {
        const { round: _round, ...row } = entity;
        const changes: Partial<Challenge> = { status: to };
        if (to === 'published') changes.publishedAt = this.clock.now();
        await manager.save(Challenge, Object.assign(new Challenge(), row, changes));
      },
      audit: (manager, event) => this.audit.record(manager, event),
    };
  }

  async transition(
    actor: Actor,
    id: string,
    request: TransitionRequest<ChallengeStatus>,
    expectedVersion: number | undefined,
  ): Promise<ChallengeView> {
    await this.dataSource.transaction((manager) =>
      runTransition(this.definition, manager, actor, id, request, expectedVersion),
    );
    return this.view(actor, (await this.challenges.load(id)) as Challenge);
  }

  /** A challenge (loaded with its round and sponsor) with the moves the caller may make now. */
  view(actor: Actor, challenge: Challenge): ChallengeView {
    return toChallengeView(
      challenge,
      allowedTransitions(
        CHALLENGE_STATE_MACHINE,
        challenge.status,
        this.policy.actorsFor(actor, challenge),
      ),
    );
  }
}
