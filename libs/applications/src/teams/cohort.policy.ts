import { Injectable } from '@nestjs/common';
import type { Actor } from '@catalyst/identity';
import type { SqlFilter } from '../applications/application.policy';

/**
 * Who sees which teams of a round's cohort: programme managers every team; sponsors the teams
 * on their own organisation's challenges; startup members their own company's team. Anyone
 * else sees an empty cohort (the round itself is not secret).
 */
@Injectable()
export class CohortPolicy {
  canSee(
    actor: Actor,
    team: { startupOrganisationId: string; sponsorOrganisationId: string },
  ): boolean {
    return (
      actor.isProgrammeManager ||
      actor.hasRole('sponsor', team.sponsorOrganisationId) ||
      actor.hasRole('startup_member', team.startupOrganisationId)
    );
  }

  /** The SQL equivalent of canSee over alias `team`; null means every team. */
  listFilter(actor: Actor): SqlFilter | null {
    if (actor.isProgrammeManager) return null;
    const clauses: string[] = [];
    const params: Record<string, unknown> = {};
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
