import type { EntityManager } from 'typeorm';
import { MilestonePlan } from './milestone-plan.entity';

/**
 * The team's plan row, made if missing and locked FOR UPDATE. Lock order everywhere in the
 * accelerator: the plan, then its milestones.
 */
export async function lockPlan(manager: EntityManager, teamId: string): Promise<MilestonePlan> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(MilestonePlan)
    .values({ teamId })
    .orIgnore()
    .execute();
  return manager.findOneOrFail(MilestonePlan, {
    where: { teamId },
    lock: { mode: 'pessimistic_write' },
  });
}

/** The plan's state, read FOR SHARE (a team without a row has a draft plan). */
export async function sharePlan(manager: EntityManager, teamId: string): Promise<string> {
  const plan = await manager.findOne(MilestonePlan, {
    where: { teamId },
    lock: { mode: 'pessimistic_read' },
  });
  return plan?.status ?? 'draft';
}

/** Moves the plan's version: its milestones changed, so an agreement read before is stale. */
export async function touchPlan(manager: EntityManager, teamId: string): Promise<void> {
  await manager
    .createQueryBuilder()
    .update(MilestonePlan)
    .set({ version: () => 'version + 1' })
    .where('teamId = :teamId', { teamId })
    .execute();
}
