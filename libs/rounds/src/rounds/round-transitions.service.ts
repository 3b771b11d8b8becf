import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { Clock, assertVersion } from '@catalyst/common';
import { Actor, assertVisible } from '@catalyst/identity';
import { Challenge } from '../challenges/challenge.entity';
import type { ChallengeStatus } from '../challenges/challenge.state-machine';
import { Round } from './round.entity';
import { RoundsPolicy } from './round.policy';
import { ROUND_STATE_MACHINE, RoundStatus } from './round.state-machine';
import { RoundClosingTimePassedError, RoundReasonRequiredError } from './round.errors';

/**
 * What happens to a round's challenges when the round moves on: when the open call ends its
 * published challenges close; when the round is cancelled every live challenge is withdrawn.
 */
const CHALLENGE_CASCADE: Partial<
  Record<RoundStatus, { from: ChallengeStatus[]; to: ChallengeStatus }>
> = {
  assessment: { from: ['published'], to: 'closed' },
  cancelled: { from: ['draft', 'submitted', 'approved', 'published'], to: 'withdrawn' },
};

@Injectable()
export class RoundTransitionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: RoundsPolicy,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  transition(
    actor: Actor,
    id: string,
    to: RoundStatus,
    reason?: string,
    ifMatch?: number,
  ): Promise<Round> {
    return this.dataSource.transaction(async (manager) => {
      const round = await manager.findOne(Round, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      assertVisible(!!round && this.policy.canSee(actor, round), 'Round', id);
      const current = round as Round;
      const from = current.status;
      ROUND_STATE_MACHINE.check({
        from,
        to,
        actors: this.policy.canManage(actor) ? ['programme_manager'] : [],
        reason,
      });
      assertVersion('round', ifMatch, current.version);
      if (to === 'open' && current.closesAt.getTime() <= this.clock.now().getTime()) {
        throw new RoundClosingTimePassedError();
      }
      const why = reason?.trim() || null;
      const now = this.clock.now();
      // Ending the open call before its closing time is a deadline move: it needs a reason, the
      // closing time becomes now, and the move is audited like any other.
      const closesEarly = from === 'open' && to === 'assessment' && now < current.closesAt;
      if (closesEarly && !why) {
        throw RoundReasonRequiredError.forEarlyClose(current.closesAt);
      }
      const previousClose = current.closesAt;
      // Before opensAt the closing time cannot become now (it must follow opensAt); the status
      // alone then ends the call, and the reason is on the transition's audit event.
      const movesClose = closesEarly && now > current.opensAt;
      if (movesClose) current.closesAt = now;
      current.status = to;
      const saved = await manager.save(current);
      if (movesClose) {
        await this.audit.record(manager, {
          actor,
          action: 'round.date_moved',
          entityType: 'round',
          entityId: id,
          from: previousClose.toISOString(),
          to: now.toISOString(),
          reason: why,
          data: { field: 'closesAt', roundStatus: from, cause: 'call closed early' },
        });
      }
      await this.audit.record(manager, {
        actor,
        action: 'round.transitioned',
        entityType: 'round',
        entityId: id,
        from,
        to,
        reason: why,
      });
      await this.cascade(manager, actor, saved, why);
      return saved;
    });
  }

  private async cascade(
    manager: EntityManager,
    actor: Actor,
    round: Round,
    reason: string | null,
  ): Promise<void> {
    const rule = CHALLENGE_CASCADE[round.status];
    if (!rule) return;
    const challenges = await manager.find(Challenge, {
      where: { roundId: round.id, status: In(rule.from) },
      lock: { mode: 'pessimistic_write' },
    });
    for (const challenge of challenges) {
      const from = challenge.status;
      challenge.status = rule.to;
      await manager.save(challenge);
      await this.audit.record(manager, {
        actor,
        action: 'challenge.transitioned',
        entityType: 'challenge',
        entityId: challenge.id,
        from,
        to: rule.to,
        reason: reason ?? `The round moved to ${round.status}.`,
        data: { cause: 'round.transitioned', roundId: round.id, roundStatus: round.status },
      });
    }
  }
}
