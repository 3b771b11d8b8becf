import type { Round } from '@catalyst/rounds';
import { ApplicationDeadlinePassedError, CallNotOpenError } from './application.errors';

/**
 * The open call: the round is open and its closing time (by the injected clock) has not come.
 * At closesAt exactly the call is closed: a deadline is the first instant that is too late.
 */
export function assertCallOpen(round: Round, now: Date, doing: string): void {
  if (round.status !== 'open') {
    throw new CallNotOpenError(doing, round.status);
  }
  if (now.getTime() >= round.closesAt.getTime()) {
    throw new ApplicationDeadlinePassedError(
      doing,
      round.closesAt,
      formatInZone(round.closesAt, round.timezone),
      round.timezone,
    );
  }
}

function formatInZone(at: Date, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(at);
}
