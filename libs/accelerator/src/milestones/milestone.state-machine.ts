import { StateMachine } from '@catalyst/common';
import type { AcceleratorActor } from '../plans/milestone-plan.state-machine';

export const MILESTONE_STATUSES = [
  'planned',
  'in_progress',
  'submitted',
  'changes_requested',
  'accepted',
] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/**
 * The team works and submits (with evidence); the sponsor accepts or asks for changes (with a
 * reason). A programme manager may make either side's moves, audited as acting for that side.
 * Nobody in the team acts as the sponsor (AcceleratorPolicy.actorsFor), so a team can never
 * accept its own milestone. Accepted is final.
 */
export const MILESTONE_STATE_MACHINE = new StateMachine<MilestoneStatus, AcceleratorActor>(
  'milestone',
  MILESTONE_STATUSES,
  [
    {
      from: ['planned', 'changes_requested'],
      to: 'in_progress',
      by: ['team', 'programme_manager'],
    },
    {
      from: ['planned', 'in_progress', 'changes_requested'],
      to: 'submitted',
      by: ['team', 'programme_manager'],
    },
    { from: ['submitted'], to: 'accepted', by: ['sponsor', 'programme_manager'] },
    {
      from: ['submitted'],
      to: 'changes_requested',
      by: ['sponsor', 'programme_manager'],
      reasonRequired: true,
    },
  ],
);

/** Whose move each target is. */
export const MILESTONE_SIDE: Record<MilestoneStatus, 'team' | 'sponsor'> = {
  planned: 'team',
  in_progress: 'team',
  submitted: 'team',
  changes_requested: 'sponsor',
  accepted: 'sponsor',
};
