import { Injectable } from '@nestjs/common';
import type { Actor } from '@catalyst/identity';
import type { SqlFilter } from '../applications/application.policy';

/**
 * Who sees which teams of a round's cohort: the programme's managers every team; sponsors the teams
 * on their own organisation's challenges; startup members their own company's team. Anyone
 * else sees an empty cohort (the round itself is not secret).
 */
@Injectable()
export class CohortPolicy {
  canSee(
    actor: Actor,
    team: { programmeId: string; startupOrganisationId: string; sponsorOrganisationId: string },
  ): boolean {
    return (
      actor.managesProgramme(team.programmeId) ||
      actor.hasRole('sponsor', team.sponsorOrganisationId) ||
      actor.hasRole('startup_member', team.startupOrganisationId)
    );
  }

  /** The SQL equivalent of canSee over alias `team`. */
  listFilter(actor: Actor): SqlFilter {
    const clauses: string[] = [];
    const params: Record<string, unknown> = {};
    const programmes = actor.managedProgrammeIds;
    if (programmes.length) {
      clauses.push('team.programmeId IN (:...cohortProgrammes)');
      params.cohortProgrammes = programmes;
    }
    const sponsorOrgs = actor.organisationIds('sponsor');
    if (sponsorOrgs.length) {
      clauses.push('team.sponsorOrganisationId IN (:...cohortSponsorOrgs)');
      params.cohortSponsorOrgs = sponsorOrgs;
    }
    const startupOrgs = actor.organisationIds('startup_member');
    if (startupOrgs.length) {
      clauses.push('team.startupOrganisationId IN (:...cohortStartupOrgs)');
      params.cohortStartupOrgs = startupOrgs;
    }
    return { sql: clauses.length ? `(${clauses.join(' OR ')})` : 'false', params };
  }
}
