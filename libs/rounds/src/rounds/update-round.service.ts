import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, diff } from '@catalyst/audit';
import { Clock, ValidationFailedError, assertVersion } from '@catalyst/common';
import { Actor, assertAllowed, assertVisible } from '@catalyst/identity';
import { Round } from './round.entity';
import { RoundsPolicy } from './round.policy';
import {
  assertRoundEditAllowed,
  canonicalTimeZone,
  dateValue,
  movedDates,
  scheduleProblems,
} from './round-schedule.rules';
import type { UpdateRoundDto } from './update-round.dto';

const EDITABLE = [
  'name',
  'timezone',
  'opensAt',
  'closesAt',
  'acceleratorStartsOn',
  'acceleratorEndsOn',
  'demoDayOn',
  'blindReview',
] as const;

/**
 * Editing a round. Every moved date is its own audit event (from → to, with the reason), so
 * "who moved the deadline, when and why" is one query years later.
 */
@Injectable()
export class UpdateRoundService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: RoundsPolicy,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  update(actor: Actor, id: string, dto: UpdateRoundDto, ifMatch?: number): Promise<Round> {
    return this.dataSource.transaction(async (manager) => {
      const round = await manager.findOne(Round, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      assertVisible(!!round && this.policy.canSee(actor, round), 'Round', id);
      const current = round as Round;
      assertAllowed(
        this.policy.canManage(actor, current),
        'Only the programme’s managers edit its rounds.',
      );
      assertVersion('round', ifMatch, current.version);

      const before: Round = { ...current };
      const next: Round = Object.assign(new Round(), current, {
        name: dto.name?.trim() ?? current.name,
        timezone:
          dto.timezone !== undefined
            ? (canonicalTimeZone(dto.timezone) ?? dto.timezone)
            : current.timezone,
        opensAt: dto.opensAt !== undefined ? new Date(dto.opensAt) : current.opensAt,
        closesAt: dto.closesAt !== undefined ? new Date(dto.closesAt) : current.closesAt,
        acceleratorStartsOn: dto.acceleratorStartsOn ?? current.acceleratorStartsOn,
        acceleratorEndsOn: dto.acceleratorEndsOn ?? current.acceleratorEndsOn,
        demoDayOn: dto.demoDayOn !== undefined ? dto.demoDayOn : current.demoDayOn,
        blindReview: dto.blindReview ?? current.blindReview,
      });
      const changes = diff(asRecord(before), asRecord(next), EDITABLE);
      if (Object.keys(changes).length === 0) return current;

      const moved = movedDates(before, next);
      assertRoundEditAllowed({
        status: current.status,
        moved,
        blindReviewChanged: 'blindReview' in changes,
        reason: dto.reason,
        closesAt: next.closesAt,
        now: this.clock.now(),
      });
      const problems = scheduleProblems(next);
      if (problems.length)
        throw new ValidationFailedError('The round’s dates do not fit.', problems);

      const saved = await manager.save(next);
      const reason = dto.reason?.trim() || null;
      await this.audit.record(manager, {
        actor,
        action: 'round.updated',
        programmeId: current.programmeId,
        entityType: 'round',
        entityId: id,
        reason,
        data: changes,
      });
      for (const field of moved) {
        await this.audit.record(manager, {
          actor,
          action: 'round.date_moved',
          programmeId: current.programmeId,
          entityType: 'round',
          entityId: id,
          from: dateValue(before[field]),
          to: dateValue(next[field]),
          reason,
          data: { field, roundStatus: current.status },
        });
      }
      return saved;
    });
  }
}

function asRecord(value: object): Record<string, unknown> {
  return value as Record<string, unknown>;
}
