import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '@catalyst/audit';
import { Clock, DomainError } from '@catalyst/common';
import { HandlesJob, JobContext, JobHandler, JobPayload } from '@catalyst/queues';
import { RoundTransitionsService } from '../rounds/round-transitions.service';
import type { RoundStatus } from '../rounds/round.state-machine';
import { ROUND_CALENDAR_JOB } from './round-calendar.job';

/** The reasons the calendar gives, on each move's audit event. */
export const CALENDAR_REASONS = {
  open: 'The round opened at its opening time (round calendar).',
  assessment: 'The call closed at its closing time (round calendar).',
} as const satisfies Partial<Record<RoundStatus, string>>;

/**
 * The round calendar, run every minute by a job scheduler (`round-calendar-every-minute`, so
 * once however many workers run). It moves, as the system, through the same transition use case
 * as a programme manager:
 *
 * - a **draft** round whose `opensAt` has come, whose `closesAt` is still ahead, and which has
 *   at least one **published** challenge (a call with nothing to apply to is not announced)
 *   → `open`;
 * - an **open** round whose `closesAt` has come → `assessment` (its published challenges close,
 *   `closedAt` records the close).
 *
 * Each move is audited (`round.open` / `round.assessment`, actor null, with a reason). Running it
 * twice moves nothing the second time; a round someone moved meanwhile is skipped.
 */
@Injectable()
@HandlesJob(ROUND_CALENDAR_JOB)
export class RoundCalendarHandler implements JobHandler<JobPayload<typeof ROUND_CALENDAR_JOB>> {
  private readonly logger = new Logger(RoundCalendarHandler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly transitions: RoundTransitionsService,
    private readonly clock: Clock,
  ) {}

  async handle(
    _data: JobPayload<typeof ROUND_CALENDAR_JOB>,
    _context: JobContext,
  ): Promise<{ opened: number; closed: number }> {
    const now = this.clock.now();
    const due: { id: string; to: 'open' | 'assessment' }[] = await this.dataSource.query(
      `SELECT r.id, CASE r.status WHEN 'draft' THEN 'open' ELSE 'assessment' END AS "to"
         FROM rounds r
        WHERE (r.status = 'draft' AND r.opens_at <= $1 AND r.closes_at > $1
               AND EXISTS (SELECT 1 FROM challenges c
                            WHERE c.round_id = r.id AND c.status = 'published'))
           OR (r.status = 'open' AND r.closes_at <= $1)
        ORDER BY r.opens_at, r.id`,
      [now],
    );
    const moved = { opened: 0, closed: 0 };
    for (const { id, to } of due) {
      try {
        await this.transitions.transition(
          SYSTEM_ACTOR,
          id,
          { to, reason: CALENDAR_REASONS[to] },
          undefined,
        );
        moved[to === 'open' ? 'opened' : 'closed'] += 1;
      } catch (error) {
        // Moved or cancelled by hand between the scan and the lock: nothing left to do.
        if (!(error instanceof DomainError)) throw error;
        this.logger.log(`Round ${id} was not moved to ${to}: ${error.code}`);
      }
    }
    return moved;
  }
}
