import type { Round } from './round.entity';
import type { RoundStatus } from './round.state-machine';

type RoundDates = Pick<
  Round,
  'opensAt' | 'closesAt' | 'acceleratorStartsOn' | 'acceleratorEndsOn' | 'timezone'
>;

/** The calendar date of an instant in a time zone, as `YYYY-MM-DD`. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(at);
}

/**
 * The date a move to `to` is planned for, when `now` is before it: opening before opensAt,
 * ending the call before closesAt, starting the accelerator before acceleratorStartsOn and
 * completing before acceleratorEndsOn (dates read in the round's zone). Null when the move is
 * on time or has no date. An early move needs a reason.
 */
export function earlyBy(round: RoundDates, to: RoundStatus, now: Date): string | null {
  const today = localDate(now, round.timezone);
  switch (to) {
    case 'open':
      return now < round.opensAt ? round.opensAt.toISOString() : null;
    case 'assessment':
      return now < round.closesAt ? round.closesAt.toISOString() : null;
    case 'accelerator':
      return today < round.acceleratorStartsOn ? round.acceleratorStartsOn : null;
    case 'completed':
      return today < round.acceleratorEndsOn ? round.acceleratorEndsOn : null;
    default:
      return null;
  }
}
