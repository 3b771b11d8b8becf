import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditActor, AuditService, SYSTEM_ACTOR } from '@catalyst/audit';
import {
  AllowedTransitionView,
  Clock,
  TransitionDefinition,
  TransitionRequest,
  allowedTransitions,
  runTransition,
} from '@catalyst/common';
import { Actor } from '@catalyst/identity';
import { Challenge } from '../challenges/challenge.entity';
import {
  CHALLENGE_STATE_MACHINE,
  type ChallengeStatus,
} from '../challenges/challenge.state-machine';
import { earlyBy } from './round-dates.rules';
import { Round } from './round.entity';
import { RoundsPolicy } from './round.policy';
import { ROUND_STATE_MACHINE, RoundActor, RoundStatus } from './round.state-machine';
import { RoundView, toRoundView } from './round.view';
import { RoundClosingTimePassedError, RoundReasonRequiredError } from './round.errors';

/** Who moves a round: a signed-in user, or the round calendar job (the system). */
export type RoundCaller = Actor | typeof SYSTEM_ACTOR;

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
  private readonly definition: TransitionDefinition<Round, RoundStatus, RoundActor, RoundCaller>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: RoundsPolicy,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {
    this.definition = {
      machine: ROUND_STATE_MACHINE,
      label: 'Round',
      load: (manager, id) =>
        manager.findOne(Round, { where: { id }, lock: { mode: 'pessimistic_write' } }),
      visible: (caller, round) => !(caller instanceof Actor) || this.policy.canSee(caller, round),
      actors: (caller, round) => this.actorsFor(caller, round),
      status: (round) => round.status,
      version: (round) => round.version,
      programmeOf: (round) => round.programmeId,
      guard: ({ entity: round, to, reason }) => {
        const now = this.clock.now();
        if (to === 'open' && round.closesAt.getTime() <= now.getTime()) {
          throw new RoundClosingTimePassedError();
        }
        const plannedFor = earlyBy(round, to, now);
        if (plannedFor && !reason) {
          throw RoundReasonRequiredError.forEarlyMove(to, plannedFor);
        }
      },
      apply: async (context) => {
        const { manager, entity: round, from, to } = context;
        const now = this.clock.now();
        const early = earlyBy(round, to, now) !== null;
        // Opening early brings opensAt to now; ending the call early brings closesAt to now
        // (while it still follows opensAt). Either is a deadline move, audited as one.
        if (to === 'open' && early) {
          await this.moveDate(context, 'opensAt', now, 'opened early');
        }
        if (from === 'open' && to === 'assessment') {
          round.closedAt = now;
          if (early && now > round.opensAt) {
            await this.moveDate(context, 'closesAt', now, 'call closed early');
          }
        }
        if (early) context.auditData.early = true;
        round.status = to;
        await manager.save(round);
      },
      hooks: [
        {
          name: 'close or withdraw the round’s challenges',
          to: ['assessment', 'cancelled'],
          run: ({ manager, actor, entity, reason }) => this.cascade(manager, actor, entity, reason),
        },
      ],
      audit: (manager, event) => this.audit.record(manager, event),
    };
  }

  async transition(
    caller: RoundCaller,
    id: string,
    request: TransitionRequest<RoundStatus>,
    expectedVersion: number | undefined,
  ): Promise<RoundView> {
    const round = await this.dataSource.transaction(
      async (manager) =>
        (await runTransition(this.definition, manager, caller, id, request, expectedVersion))
          .entity,
    );
    return this.view(caller, round);
  }

  /** A round as `caller` sees it, with the moves they may make now. */
  view(caller: RoundCaller, round: Round): RoundView {
    return toRoundView(round, this.allowed(caller, round));
  }

  allowed(caller: RoundCaller, round: Round): AllowedTransitionView<RoundStatus>[] {
    const now = this.clock.now();
    return allowedTransitions(
      ROUND_STATE_MACHINE,
      round.status,
      this.actorsFor(caller, round),
      (to) => earlyBy(round, to, now) !== null,
    );
  }

  private actorsFor(caller: RoundCaller, round: Round): RoundActor[] {
    if (!(caller instanceof Actor)) return ['system'];
    return this.policy.canManage(caller, round) ? ['programme_manager'] : [];
  }

  private async moveDate(
    context: { manager: EntityManager; actor: AuditActor; entity: Round; reason: string | null },
    field: 'opensAt' | 'closesAt',
    to: Date,
    cause: string,
  ): Promise<void> {
    const { manager, actor, entity: round, reason } = context;
    const previous = round[field];
    round[field] = to;
    await this.audit.record(manager, {
      actor,
      action: 'round.date_moved',
      programmeId: round.programmeId,
      entityType: 'round',
      entityId: round.id,
      from: previous.toISOString(),
      to: to.toISOString(),
      reason,
      data: { field, roundStatus: round.status, cause },
    });
  }

  private async cascade(
    manager: EntityManager,
    actor: AuditActor,
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
        action: `${CHALLENGE_STATE_MACHINE.entity}.${rule.to}`,
        programmeId: challenge.programmeId,
        entityType: 'challenge',
        entityId: challenge.id,
        from,
        to: rule.to,
        reason: reason ?? `The round moved to ${round.status}.`,
        data: { cause: `round.${round.status}`, roundId: round.id, roundStatus: round.status },
      });
    }
  }
}
