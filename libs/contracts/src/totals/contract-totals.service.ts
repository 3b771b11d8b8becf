import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NotFoundError } from '@catalyst/common';
import { Actor, Organisation } from '@catalyst/identity';
import { Round } from '@catalyst/rounds';
import { POST_PROGRAMME_KINDS } from '../contracts/contract.state-machine';
import { TotalsScope, contractTotalsSql } from './contract-totals.sql';
import type { ContractTotalsView, OrganisationContractTotalsView } from './contract-totals.view';

interface TotalsRow {
  currency: string | null;
  contracts: number;
  buyers: number;
  from_other_buyers: number;
  value: string;
  value_from_other_buyers: string;
}

/**
 * The impact totals (DOMAIN.md "Reports" → impact): post-programme contracts (follow-on,
 * commercial, framework call-off) per round, per sponsor and per buyer, in SQL. For the
 * reporting context's impact report and the API's reads.
 */
@Injectable()
export class ContractTotalsService {
  constructor(private readonly dataSource: DataSource) {}

  /** A round's totals, for managers of its programme (404 for anyone else). */
  async forRound(actor: Actor, roundId: string): Promise<ContractTotalsView> {
    const round = await this.dataSource.manager.findOneBy(Round, { id: roundId });
    if (!round || !actor.managesProgramme(round.programmeId))
      throw new NotFoundError('Round', roundId);
    return totals(this.dataSource.manager, 'round', roundId, [round.programmeId]);
  }

  /**
   * An organisation's totals as sponsor and as buyer: for its sponsor members (every
   * programme) and for programme managers (their programmes only); 404 for anyone else.
   */
  async forOrganisation(
    actor: Actor,
    organisationId: string,
  ): Promise<OrganisationContractTotalsView> {
    const manager = this.dataSource.manager;
    const org = await manager.findOneBy(Organisation, { id: organisationId });
    const member = actor.hasRole('sponsor', organisationId);
    const managed = actor.managedProgrammeIds;
    if (!org || org.kind !== 'sponsor' || (!member && managed.length === 0)) {
      throw new NotFoundError('Organisation', organisationId);
    }
    const programmes = member ? null : managed;
    return {
      asSponsor: await totals(manager, 'sponsor', organisationId, programmes),
      asBuyer: await totals(manager, 'buyer', organisationId, programmes),
    };
  }
}

/** The totals of one scope; `programmeIds` null considers every programme. */
export async function totals(
  manager: EntityManager,
  scope: TotalsScope,
  id: string,
  programmeIds: readonly string[] | null,
): Promise<ContractTotalsView> {
  const kinds = [...POST_PROGRAMME_KINDS];
  const rows = await manager.query<TotalsRow[]>(contractTotalsSql(scope), [
    id,
    programmeIds ? [...programmeIds] : null,
    kinds,
  ]);
  const overall = rows.find((r) => r.currency === null);
  return {
    scope,
    id,
    kinds,
    contracts: overall?.contracts ?? 0,
    buyers: overall?.buyers ?? 0,
    contractsFromOtherBuyers: overall?.from_other_buyers ?? 0,
    byCurrency: rows
      .filter((r): r is TotalsRow & { currency: string } => r.currency !== null)
      .map((r) => {
        const value = Number(r.value);
        const other = Number(r.value_from_other_buyers);
        return {
          currency: r.currency,
          contracts: r.contracts,
          value: { amountMinor: value, currency: r.currency },
          valueFromOtherBuyers: { amountMinor: other, currency: r.currency },
          shareFromOtherBuyers: value === 0 ? 0 : Math.round((other / value) * 10_000) / 10_000,
        };
      }),
  };
}
