import { StateMachine } from '@catalyst/common';
import { ASSESSMENT_STATUSES, AssessmentStatus } from './assessment.statuses';

/** `assessor` means the assessor the assessment is assigned to, and nobody else. */
export type AssessmentActor = 'assessor' | 'programme_manager';

/**
 * Submitted scores are final: only a programme manager reopens them, with a reason. A conflict
 * takes the assessment out of every calculation, whether it is declared before scoring or
 * discovered after submission; it is final (the declaration stays on record).
 */
export const ASSESSMENT_STATE_MACHINE = new StateMachine<AssessmentStatus, AssessmentActor>(
  'assessment',
  ASSESSMENT_STATUSES,
  [
    { from: ['assigned'], to: 'submitted', by: ['assessor'] },
    {
      from: ['assigned', 'submitted'],
      to: 'conflicted',
      by: ['assessor', 'programme_manager'],
      reasonRequired: true,
    },
    { from: ['submitted'], to: 'assigned', by: ['programme_manager'], reasonRequired: true },
  ],
);
