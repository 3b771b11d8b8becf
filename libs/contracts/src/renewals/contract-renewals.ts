import type { EntityManager } from 'typeorm';
import { CURRENT_ENDS_ON_SQL } from '../contracts/contract-figures.sql';

/** A live contract whose current end date falls within the window. */
export interface EndingContract {
  contractId: string;
  programmeId: string;
  buyerOrganisationId: string;
  startupOrganisationId: string;
  kind: string;
  reference: string;
  title: string;
  /** After every extension. */
  currentEndsOn: string;
  /** Whole days from `today` to `currentEndsOn` (0: ends today). */
  daysLeft: number;
}

/**
 * The contracts due for renewal: awarded or active, whose current end date (after
 * extensions) is between `today` and `today + days` inclusive, soonest first. For the
 * reminder rules ("90 and 30 days before the end", to the buyer and the programme managers);
 * one statement, served by no per-contract query. `today` is a calendar date (the caller's
 * time zone: the reminders use the programme's); `programmeIds` narrows to some programmes.
 */
export async function contractsEndingWithin(
  manager: EntityManager,
  { today, days, programmeIds }: { today: string; days: number; programmeIds?: readonly string[] },
): Promise<EndingContract[]> {
  const rows = await manager.query<(Omit<EndingContract, 'daysLeft'> & { daysLeft: number })[]>(
    `SELECT * FROM (
       SELECT contract.id AS "contractId", contract.programme_id AS "programmeId",
              contract.buyer_organisation_id AS "buyerOrganisationId",
              contract.startup_organisation_id AS "startupOrganisationId",
              contract.kind, contract.reference, contract.title,
              ${CURRENT_ENDS_ON_SQL} AS ends_on
         FROM contracts contract
        WHERE contract.status IN ('awarded', 'active')
          AND ($3::uuid[] IS NULL OR contract.programme_id = ANY($3::uuid[]))
     ) c
     WHERE c.ends_on BETWEEN $1::date AND $1::date + $2::int
     ORDER BY c.ends_on, c."contractId"`,
    [today, days, programmeIds ? [...programmeIds] : null],
  );
  return rows.map((r) => {
    const { ends_on, ...rest } = r as typeof r & { ends_on: string | Date };
    const currentEndsOn =
      typeof ends_on === 'string' ? ends_on.slice(0, 10) : ends_on.toISOString().slice(0, 10);
    const daysLeft = Math.round(
      (Date.parse(`${currentEndsOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
    );
    return { ...rest, currentEndsOn, daysLeft };
  });
}
