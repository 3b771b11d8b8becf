import type { RoundStatus } from '@catalyst/rounds';
import type { ApplicationStatus } from './application.statuses';
import { ApplicationRoundStageError, TeamLockedError } from './application.errors';

/**
 * The round stage each move needs. Decisions follow the round: nothing is shortlisted while the
 * call is open, exploration happens in the exploration stage, and nobody is selected before
 * exploration (late selection from the waitlist stays possible once the accelerator runs).
 *
 * | move                         | round status                        |
 * |------------------------------|-------------------------------------|
 * | draft → submitted            | open, and before closesAt (clock)   |
 * | → withdrawn                  | any                                 |
 * | → ineligible                 | open, assessment                    |
 * | ineligible → submitted       | open, assessment                    |
 * | → shortlisted                | assessment, exploration             |
 * | → exploration                | exploration                         |
 * | → selected                   | exploration, accelerator            |
 * | → waitlisted, → rejected     | assessment, exploration, accelerator|
 * | selected → anything          | before accelerator (team is removed)|
 *
 * Besides the stage, every decision (→ shortlisted, exploration, selected, waitlisted, rejected)
 * needs the panel's finished assessment: at least one submitted assessment and none still
 * assigned (application.assessment-rule.ts). Screening (→ ineligible) needs no scores; it is how
 * an out-of-scope application leaves before assessment, since `rejected` is final and on merit.
 */
const STAGES_FOR_TARGET: Record<ApplicationStatus, readonly RoundStatus[] | 'any'> = {
  draft: [],
  submitted: ['open', 'assessment'],
  withdrawn: 'any',
  ineligible: ['open', 'assessment'],
  shortlisted: ['assessment', 'exploration'],
  exploration: ['exploration'],
  selected: ['exploration', 'accelerator'],
  waitlisted: ['assessment', 'exploration', 'accelerator'],
  rejected: ['assessment', 'exploration', 'accelerator'],
};

/** Round stages during which a selected application may still leave `selected`. */
const SELECTION_REVERSIBLE_IN: readonly RoundStatus[] = ['open', 'assessment', 'exploration'];

export function roundStagesFor(
  from: ApplicationStatus,
  to: ApplicationStatus,
): readonly RoundStatus[] | 'any' {
  // A company submits during the open call only; reinstatement after screening may be later.
  if (from === 'draft' && to === 'submitted') return ['open'];
  return STAGES_FOR_TARGET[to];
}

/** Throws 422 when the round's stage does not allow the move. */
export function assertRoundStageAllows(
  from: ApplicationStatus,
  to: ApplicationStatus,
  roundStatus: RoundStatus,
): void {
  const stages = roundStagesFor(from, to);
  if (stages !== 'any' && !stages.includes(roundStatus)) {
    throw new ApplicationRoundStageError(to, stages, roundStatus);
  }
  if (from === 'selected' && !SELECTION_REVERSIBLE_IN.includes(roundStatus)) {
    throw new TeamLockedError(roundStatus);
  }
}
