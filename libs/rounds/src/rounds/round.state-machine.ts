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

export type RoundActor = 'programme_manager';

/** Rounds are run by programme managers only. Cancelling needs a reason. */
export const ROUND_STATE_MACHINE = new StateMachine<RoundStatus, RoundActor>(
  'round',
  ROUND_STATUSES,
  [
    { from: ['draft'], to: 'open', by: ['programme_manager'] },
    { from: ['open'], to: 'assessment', by: ['programme_manager'] },
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
