import type { EntityManager } from 'typeorm';
import { Contract } from './contract.entity';

/** A contract with its parties' names, for views. */
export type LoadedContract = Contract & {
  buyerOrganisation: { id: string; name: string };
  startupOrganisation: { id: string; name: string };
};

/**
 * The contract (FOR UPDATE when `lock`: every change to a contract, its amendments and its
 * ledger takes this lock first, so the ceiling is checked against a settled total) and its
 * parties' names.
 */
export async function loadContract(
  manager: EntityManager,
  id: string,
  { lock = false } = {},
): Promise<LoadedContract | null> {
  if (lock) {
    const locked = await manager.findOne(Contract, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!locked) return null;
  }
  return manager
    .getRepository(Contract)
    .createQueryBuilder('contract')
    .innerJoinAndSelect('contract.buyerOrganisation', 'buyer')
    .innerJoinAndSelect('contract.startupOrganisation', 'startup')
    .where('contract.id = :id', { id })
    .getOne() as Promise<LoadedContract | null>;
}

/** Bumps the contract's version: its view (paid, current terms) changed with its history. */
export async function touchContract(manager: EntityManager, id: string): Promise<void> {
  await manager.query(
    `UPDATE contracts SET version = version + 1, updated_at = now() WHERE id = $1`,
    [id],
  );
}
