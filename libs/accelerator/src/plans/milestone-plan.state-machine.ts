import { StateMachine } from '@catalyst/common';

export const MILESTONE_PLAN_STATUSES = ['draft', 'proposed', 'agreed', 'reopened'] as const;
export type MilestonePlanStatus = (typeof MILESTONE_PLAN_STATUSES)[number];

/**
 * `team`: a member of the team's company; `sponsor`: a member of the team's sponsor
 * organisation; `programme_manager`: a manager of the round's programme, who may act for
 * either side (audited as such).
 */
export type AcceleratorActor = 'team' | 'sponsor' | 'programme_manager';

/**
 * The team proposes its plan, the sponsor agrees it. Sending a proposal back, or reopening an
 * agreed plan, takes a reason; a reopened plan is proposed and agreed again.
 */
export const MILESTONE_PLAN_STATE_MACHINE = new StateMachine<MilestonePlanStatus, AcceleratorActor>(
  'milestone_plan',
  MILESTONE_PLAN_STATUSES,
  [
    { from: ['draft', 'reopened'], to: 'proposed', by: ['team', 'programme_manager'] },
    { from: ['proposed'], to: 'agreed', by: ['sponsor', 'programme_manager'] },
    {
      from: ['proposed', 'agreed'],
      to: 'reopened',
      by: ['team', 'sponsor', 'programme_manager'],
      reasonRequired: true,
    },
  ],
);

/** Which side a move belongs to: a programme manager making it acts on that side's behalf. */
export const PLAN_SIDE: Record<MilestonePlanStatus, 'team' | 'sponsor' | null> = {
  draft: null,
  proposed: 'team',
  agreed: 'sponsor',
  reopened: null,
};
