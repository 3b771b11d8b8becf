import type { AcceleratorActor } from '../plans/milestone-plan.state-machine';
import {
  MilestoneChangeReasonRequiredError,
  MilestonePlanAgreedError,
} from '../accelerator.errors';

/**
 * Adding, removing or re-dating a milestone (or changing its payment or acceptance criteria)
 * once the plan is agreed: the sponsor may (its agreement is the change itself); a programme
 * manager may with a reason, acting for the sponsor; the team may not (it reopens the plan,
 * and the sponsor agrees it again). Before agreement, anyone working on the team may.
 * Returns the audit data that says on whose behalf the change was made.
 */
export function assertPlanChange(
  planStatus: string,
  actors: readonly AcceleratorActor[],
  reason: string | null,
): { onBehalfOf?: 'sponsor' } {
  if (planStatus !== 'agreed' || actors.includes('sponsor')) return {};
  if (!actors.includes('programme_manager')) throw new MilestonePlanAgreedError();
  if (!reason) throw new MilestoneChangeReasonRequiredError();
  return { onBehalfOf: 'sponsor' };
}
