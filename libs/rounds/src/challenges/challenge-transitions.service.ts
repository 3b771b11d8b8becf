import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { Clock, assertVersion } from '@catalyst/common';
import { Actor, assertVisible } from '@catalyst/identity';
import { Round } from '../rounds/round.entity';
import { Challenge } from './challenge.entity';
import { ChallengePolicy } from './challenge.policy';
import { CHALLENGE_STATE_MACHINE, ChallengeStatus } from './challenge.state-machine';
import { ChallengesService, ROUND_STATES_TAKING_CHALLENGES } from './challenges.service';
import { ChallengeCallClosedError, ChallengeRoundStageError } from './challenge.errors';

/** Moves that bring a challenge closer to the public: only while its round is draft or open. */
const FORWARD: readonly ChallengeStatus[] = ['submitted', 'approved', 'published'];

@Injectable()
export class ChallengeTransitionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly challenges: ChallengesService,
    private readonly policy: ChallengePolicy,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async transition(
    actor: Actor,
    id: string,
    to: ChallengeStatus,
    reason?: string,
    ifMatch?: number,
  ): Promise<Challenge> {
    await this.dataSource.transaction(async (manager) => {
      // Round first (shared), then the challenge: the same order as round transitions, which
      // lock the round and then cascade to its challenges, so the two never deadlock.
      const ref = await manager.findOne(Challenge, { where: { id }, select: { roundId: true } });
      const round = ref
        ? await manager.findOne(Round, {
            where: { id: ref.roundId },
            lock: { mode: 'pessimistic_read' },
          })
        : null;
      const current = await manager.findOne(Challenge, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      const visible =
        !!current &&
        this.challenges.canSee(actor, Object.assign(current, { round: round ?? undefined }));
      assertVisible(visible, 'Challenge', id);
      const challenge = current as Challenge;
      delete challenge.round;
      const from = challenge.status;
      CHALLENGE_STATE_MACHINE.check({
        from,
        to,
        actors: this.policy.actorsFor(actor, challenge),
        reason,
      });
      assertVersion('challenge', ifMatch, challenge.version);
      const roundStatus = (round as Round).status;
      if (
        FORWARD.includes(to) &&
        !(ROUND_STATES_TAKING_CHALLENGES as readonly string[]).includes(roundStatus)
      ) {
        throw new ChallengeRoundStageError(roundStatus, to);
      }
      if (to === 'published' && this.clock.now() >= (round as Round).closesAt) {
        // Nobody could apply: the portal would hide it and companies would never hear of it.
        throw new ChallengeCallClosedError();
      }
      challenge.status = to;
      if (to === 'published') challenge.publishedAt = this.clock.now();
      await manager.save(challenge);
      await this.audit.record(manager, {
        actor,
        action: 'challenge.transitioned',
        entityType: 'challenge',
        entityId: id,
        from,
        to,
        reason: reason?.trim() || null,
      });
    });
    return (await this.challenges.load(id)) as Challenge;
  }
}
