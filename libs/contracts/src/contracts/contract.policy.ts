import { Injectable } from '@nestjs/common';
import type { Actor } from '@catalyst/identity';
import type { ContractActor } from './contract.state-machine';

/** What the policy needs to know about a contract. */
export interface ContractFacts {
  programmeId: string;
  buyerOrganisationId: string;
  startupOrganisationId: string;
  /** The sponsor of the linked team or application: the "original sponsor". */
  sponsorOrganisationId: string | null;
}

/** A WHERE fragment over the alias `contract` and its parameters. */
export interface ContractSqlFilter {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * Who may see and do what with contracts, their amendments and payments:
 *
 * - managers of the contract's programme: every contract of it; create, edit drafts, move,
 *   amend, record and reverse payments (audited as acting for the buyer);
 * - the buyer (sponsor members of the buyer organisation): its contracts; the same moves;
 * - the original sponsor (sponsor members of the linked team's sponsor organisation): reads;
 * - the startup (its members): reads its contracts, records new ones (as drafts for the buyer
 *   or a programme manager to award) and edits its drafts; never awards, amends or pays.
 *
 * Anyone else is told nothing (404). A member of the startup is only ever the startup.
 */
@Injectable()
export class ContractPolicy {
  managesProgramme(actor: Actor, contract: Pick<ContractFacts, 'programmeId'>): boolean {
    return actor.managesProgramme(contract.programmeId);
  }

  isBuyer(actor: Actor, contract: ContractFacts): boolean {
    return actor.hasRole('sponsor', contract.buyerOrganisationId);
  }

  isStartup(actor: Actor, contract: ContractFacts): boolean {
    return actor.hasRole('startup_member', contract.startupOrganisationId);
  }

  isOriginalSponsor(actor: Actor, contract: ContractFacts): boolean {
    return (
      contract.sponsorOrganisationId !== null &&
      actor.hasRole('sponsor', contract.sponsorOrganisationId)
    );
  }

  canSee(actor: Actor, contract: ContractFacts): boolean {
    return (
      this.managesProgramme(actor, contract) ||
      this.isBuyer(actor, contract) ||
      this.isOriginalSponsor(actor, contract) ||
      this.isStartup(actor, contract)
    );
  }

  /** The state-machine actor kinds the caller is for this contract. */
  actorsFor(actor: Actor, contract: ContractFacts): ContractActor[] {
    if (this.isStartup(actor, contract)) return ['startup'];
    const kinds: ContractActor[] = [];
    if (this.isBuyer(actor, contract)) kinds.push('buyer');
    if (this.managesProgramme(actor, contract)) kinds.push('programme_manager');
    return kinds;
  }

  /** Creating a contract: a manager of its programme, its buyer, or the startup (a draft). */
  canCreate(actor: Actor, contract: ContractFacts): boolean {
    return (
      this.managesProgramme(actor, contract) ||
      this.isBuyer(actor, contract) ||
      this.isStartup(actor, contract)
    );
  }

  /** Drafts are edited by their parties and the programme's managers. */
  canEditDraft(actor: Actor, contract: ContractFacts): boolean {
    return this.canCreate(actor, contract);
  }

  /** Amendments and the payment ledger are the buyer's, or a programme manager's for it. */
  canManageTerms(actor: Actor, contract: ContractFacts): boolean {
    if (this.isStartup(actor, contract)) return false;
    return this.isBuyer(actor, contract) || this.managesProgramme(actor, contract);
  }

  /** True when a programme manager acts and is not the buyer: audited `onBehalfOf: 'buyer'`. */
  actsOnBehalf(actor: Actor, contract: ContractFacts): boolean {
    return !this.isBuyer(actor, contract) && !this.isStartup(actor, contract);
  }

  /** The contracts a list shows, as SQL over alias `contract`: the SQL twin of `canSee`. */
  listFilter(actor: Actor): ContractSqlFilter {
    const clauses: string[] = [];
    const params: Record<string, unknown> = {};
    const programmes = actor.managedProgrammeIds;
    if (programmes.length) {
      clauses.push('contract.programmeId IN (:...contractProgrammes)');
      params.contractProgrammes = [...programmes];
    }
    const sponsorOrgs = actor.organisationIds('sponsor');
    if (sponsorOrgs.length) {
      clauses.push(
        '(contract.buyerOrganisationId IN (:...contractSponsorOrgs) OR contract.sponsorOrganisationId IN (:...contractSponsorOrgs))',
      );
      params.contractSponsorOrgs = sponsorOrgs;
    }
    const startupOrgs = actor.organisationIds('startup_member');
    if (startupOrgs.length) {
      clauses.push('contract.startupOrganisationId IN (:...contractStartupOrgs)');
      params.contractStartupOrgs = startupOrgs;
    }
    return { sql: clauses.length ? `(${clauses.join(' OR ')})` : 'false', params };
  }
}
