import { StateMachine } from '@catalyst/common';

export const CHALLENGE_STATUSES = [
  'draft',
  'submitted',
  'approved',
  'published',
  'closed',
  'withdrawn',
] as const;
export type ChallengeStatus = (typeof CHALLENGE_STATUSES)[number];

/** `sponsor` means a sponsor-role member of the challenge's own sponsor organisation. */
export type ChallengeActor = 'sponsor' | 'programme_manager';

export const CHALLENGE_STATE_MACHINE = new StateMachine<ChallengeStatus, ChallengeActor>(
  'challenge',
  CHALLENGE_STATUSES,
  [
    { from: ['draft'], to: 'submitted', by: ['sponsor', 'programme_manager'] },
    // Back to draft: the sponsor pulls it back, or the programme manager asks for changes (with why).
    { from: ['submitted'], to: 'draft', by: ['sponsor'] },
    {
      from: ['submitted', 'approved'],
      to: 'draft',
      by: ['programme_manager'],
      reasonRequired: true,
    },
    { from: ['submitted'], to: 'approved', by: ['programme_manager'] },
    { from: ['approved'], to: 'published', by: ['programme_manager'] },
    { from: ['published'], to: 'closed', by: ['programme_manager'] },
    {
      from: ['draft', 'submitted', 'approved', 'published'],
      to: 'withdrawn',
      by: ['sponsor', 'programme_manager'],
      reasonRequired: true,
    },
  ],
);
