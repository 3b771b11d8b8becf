import { DeadlinePassedError } from '@catalyst/common';
import type { Round } from '@catalyst/rounds';

/**
 * The open call: the round is open and its closing time (by the injected clock) has not come.
 * At closesAt exactly the call is closed: a deadline is the first instant that is too late.
 */
export function assertCallOpen(round: Round, now: Date, doing: string): void {
  if (round.status !== 'open') {
    throw new DeadlinePassedError(
      'application.call_not_open',
      `You cannot ${doing}: the round is not taking applications (it is '${round.status}').`,
    );
  }
  if (now.getTime() >= round.closesAt.getTime()) {
    throw new DeadlinePassedError(
      'application.deadline_passed',
      `You can no longer ${doing}: applications closed at ${round.closesAt.toISOString()} ` +
        `(${formatInZone(round.closesAt, round.timezone)} ${round.timezone}).`,
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
