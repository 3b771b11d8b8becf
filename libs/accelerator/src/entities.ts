import { Milestone } from './milestones/milestone.entity';
import { MilestonePlan } from './plans/milestone-plan.entity';
import { ProgressUpdate } from './updates/progress-update.entity';
import { Sprint } from './sprints/sprint.entity';

export const ACCELERATOR_ENTITIES = [Sprint, MilestonePlan, Milestone, ProgressUpdate];
