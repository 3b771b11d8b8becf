import { StateMachine } from '@catalyst/common';

export const ROUND_STATUSES = [
  'draft',
  'open',
  'assessment',
  'exploration',
  'accelerator',
  'completed',
  'cancelled',
] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/**
 * `system`: the round calendar job (round-calendar.handler.ts), which opens a ready round at
 * opensAt and ends the call at closesAt; everything else is the programme manager's.
 */
export type RoundActor = 'programme_manager' | 'system';

/**
 * Rounds are run by programme managers. Cancelling needs a reason; so does any move made
 * before its date (round-dates.rules.ts), which the table cannot know.
 */
export const ROUND_STATE_MACHINE = new StateMachine<RoundStatus, RoundActor>(
  'round',
  ROUND_STATUSES,
  [
    { from: ['draft'], to: 'open', by: ['programme_manager', 'system'] },
    { from: ['open'], to: 'assessment', by: ['programme_manager', 'system'] },
    { from: ['assessment'], to: 'exploration', by: ['programme_manager'] },
    { from: ['exploration'], to: 'accelerator', by: ['programme_manager'] },
    { from: ['accelerator'], to: 'completed', by: ['programme_manager'] },
    {
      from: ['draft', 'open', 'assessment', 'exploration', 'accelerator'],
      to: 'cancelled',
      by: ['programme_manager'],
      reasonRequired: true,
    },
  ],
);
