import { BusinessRuleError, FieldProblem, isValidTimeZone, localDate } from '@catalyst/common';
import type { RoundStatus } from './round.state-machine';
import {
  RoundBlindReviewSettledError,
  RoundCallOverError,
  RoundClosesInPastError,
  RoundNotEditableError,
  RoundReasonRequiredError,
} from './round.errors';

/** The dates of a round, as stored (instants for the open call, calendar dates after it). */
export interface RoundSchedule {
  timezone: string;
  opensAt: Date;
  closesAt: Date;
  acceleratorStartsOn: string;
  acceleratorEndsOn: string;
  demoDayOn: string | null;
}

export const ROUND_DATE_FIELDS = [
  'opensAt',
  'closesAt',
  'acceleratorStartsOn',
  'acceleratorEndsOn',
  'demoDayOn',
] as const;
export type RoundDateField = (typeof ROUND_DATE_FIELDS)[number];

/** The open call's dates: companies plan around them, so they move only with a reason. */
export const CALL_DATE_FIELDS: readonly RoundDateField[] = ['opensAt', 'closesAt'];

/**
 * The canonical IANA name of a time zone (`europe/london` → `Europe/London`), or null when it
 * is not one. Fixed offsets (`+01:00`, accepted by newer runtimes) are refused: they have no
 * summer time, so the round's local dates would be wrong for half the year.
 */
export function canonicalTimeZone(zone: string): string | null {
  if (/^[+\-\u2212]/.test(zone.trim()) || !isValidTimeZone(zone)) return null;
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone }).resolvedOptions().timeZone;
}

/** Problems with a schedule as a whole (400 with one entry per field). */
export function scheduleProblems(s: RoundSchedule): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const zoneOk = canonicalTimeZone(s.timezone) !== null;
  if (!zoneOk) {
    problems.push({ field: 'timezone', message: 'must be an IANA time zone, e.g. Europe/London' });
  }
  if (s.closesAt.getTime() <= s.opensAt.getTime()) {
    problems.push({ field: 'closesAt', message: 'must be after opensAt' });
  }
  if (s.acceleratorEndsOn < s.acceleratorStartsOn) {
    problems.push({
      field: 'acceleratorEndsOn',
      message: 'must be on or after acceleratorStartsOn',
    });
  }
  if (zoneOk) {
    const closingDay = localDate(s.closesAt, s.timezone);
    if (s.acceleratorStartsOn < closingDay) {
      problems.push({
        field: 'acceleratorStartsOn',
        message: `must not be before the open call closes (${closingDay} in ${s.timezone})`,
      });
    }
  }
  if (s.demoDayOn !== null && s.demoDayOn < s.acceleratorStartsOn) {
    problems.push({ field: 'demoDayOn', message: 'must not be before acceleratorStartsOn' });
  }
  return problems;
}

/** Dates whose value differs between two schedules. */
export function movedDates(before: RoundSchedule, after: RoundSchedule): RoundDateField[] {
  return ROUND_DATE_FIELDS.filter((field) => dateValue(before[field]) !== dateValue(after[field]));
}

export function dateValue(value: Date | string | null): string | null {
  return value instanceof Date ? value.toISOString() : value;
}

export interface RoundEdit {
  status: RoundStatus;
  moved: readonly RoundDateField[];
  blindReviewChanged: boolean;
  reason?: string;
  closesAt: Date;
  now: Date;
}

/**
 * The business rules of editing a round, by its state (422 when broken):
 * - a completed or cancelled round is history and no longer changes;
 * - once the round is open its call dates move only with a reason, never into the past;
 * - after the open call has ended they do not move at all (applications were judged on them);
 * - blind review is settled before assessment starts.
 */
export function assertRoundEditAllowed(edit: RoundEdit): void {
  const { status, moved } = edit;
  if (status === 'completed' || status === 'cancelled') {
    throw new RoundNotEditableError(status);
  }
  const callMoved = moved.filter((f) => CALL_DATE_FIELDS.includes(f));
  if (callMoved.length && status !== 'draft') {
    if (status !== 'open') {
      throw new RoundCallOverError(status);
    }
    if (!edit.reason?.trim()) {
      throw withField(
        RoundReasonRequiredError.forMovedDates(callMoved),
        'reason',
        'is required to move the dates of an open round',
      );
    }
    if (moved.includes('closesAt') && edit.closesAt.getTime() <= edit.now.getTime()) {
      throw withField(new RoundClosesInPastError(), 'closesAt', 'must be in the future');
    }
  }
  if (edit.blindReviewChanged && status !== 'draft' && status !== 'open') {
    throw new RoundBlindReviewSettledError();
  }
}

function withField(error: BusinessRuleError, field: string, message: string): BusinessRuleError {
  error.extensions.errors = [{ field, message }];
  return error;
}
