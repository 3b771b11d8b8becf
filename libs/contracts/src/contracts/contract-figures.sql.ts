import type { EntityManager } from 'typeorm';

/** A contract's derived figures: never stored, always computed from the original and its history. */
export interface ContractFigures {
  currentValueMinor: number;
  currentEndsOn: string;
  paidMinor: number;
}

/**
 * The current end date in SQL over alias `contract` (its columns by database name): the
 * latest extension's, else the original. The one definition, shared by the figures, the
 * `endingBefore` filter and the renewals query.
 */
export const CURRENT_ENDS_ON_SQL = `COALESCE((SELECT a.ends_on FROM contract_amendments a WHERE a.contract_id = contract.id AND a.ends_on IS NOT NULL ORDER BY a.number DESC LIMIT 1), contract.ends_on)`;

/**
 * The figures of many contracts in one statement. `contract_current_value` and
 * `contract_paid` are the database functions the payment trigger itself uses, so the API and
 * the constraint never disagree on the ceiling.
 */
export async function contractFigures(
  manager: EntityManager,
  ids: readonly string[],
): Promise<Map<string, ContractFigures>> {
  if (ids.length === 0) return new Map();
  const rows = await manager.query<
    { id: string; current_value: string; current_ends_on: string; paid: string }[]
  >(
    `SELECT contract.id,
            contract_current_value(contract.id)::text AS current_value,
            to_char(${CURRENT_ENDS_ON_SQL}, 'YYYY-MM-DD') AS current_ends_on,
            contract_paid(contract.id)::text AS paid
       FROM contracts contract
      WHERE contract.id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        currentValueMinor: Number(r.current_value),
        currentEndsOn: r.current_ends_on,
        paidMinor: Number(r.paid),
      },
    ]),
  );
}
