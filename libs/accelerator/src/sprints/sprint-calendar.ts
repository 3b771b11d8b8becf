import { addDays } from '@catalyst/common';

export interface PlannedSprint {
  number: number;
  startsOn: string;
  endsOn: string;
}

/**
 * Numbered sprints of `lengthDays` calendar days from the accelerator's first day to its last
 * (both included); the last sprint ends on the last day, so it may be shorter.
 */
export function planSprints(startsOn: string, endsOn: string, lengthDays: number): PlannedSprint[] {
  if (!Number.isInteger(lengthDays) || lengthDays < 1) throw new Error('lengthDays must be ≥ 1');
  const sprints: PlannedSprint[] = [];
  for (let start = startsOn, n = 1; start <= endsOn; start = addDays(start, lengthDays), n++) {
    const end = addDays(start, lengthDays - 1);
    sprints.push({ number: n, startsOn: start, endsOn: end < endsOn ? end : endsOn });
  }
  return sprints;
}

/** Days in a sprint, both ends included. */
export function sprintDays(s: Pick<PlannedSprint, 'startsOn' | 'endsOn'>): number {
  return (
    (Date.parse(`${s.endsOn}T00:00:00Z`) - Date.parse(`${s.startsOn}T00:00:00Z`)) / 86_400_000 + 1
  );
}
