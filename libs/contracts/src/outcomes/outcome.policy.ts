import { Injectable } from '@nestjs/common';
import type { Actor } from '@catalyst/identity';

/** What the policy needs to know about a company's outcomes. */
export interface OutcomeFacts {
  organisationId: string;
  /** The programmes the company applied to. */
  programmeIds: readonly string[];
}

/**
 * Outcomes are the company's: its members report and read them; managers of a programme the
 * company applied to read them and report on its behalf (audited as such). Anyone else is
 * told nothing (404, as for the company's other private data).
 */
@Injectable()
export class OutcomePolicy {
  isMember(actor: Actor, facts: OutcomeFacts): boolean {
    return actor.hasRole('startup_member', facts.organisationId);
  }

  managesCompany(actor: Actor, facts: OutcomeFacts): boolean {
    return facts.programmeIds.some((id) => actor.managesProgramme(id));
  }

  canSee(actor: Actor, facts: OutcomeFacts): boolean {
    return this.isMember(actor, facts) || this.managesCompany(actor, facts);
  }

  canReport(actor: Actor, facts: OutcomeFacts): boolean {
    return this.canSee(actor, facts);
  }
}
