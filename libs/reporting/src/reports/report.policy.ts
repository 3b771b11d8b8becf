import { Injectable } from '@nestjs/common';
import type { Actor } from '@catalyst/identity';
import type { Report } from './report.entity';

/**
 * Who may ask for and read reports:
 * - programme managers: any report of a round of their programmes, a sponsor's digest or
 *   impact within their programmes, and the impact of all their programmes;
 * - a sponsor's members: that sponsor's scope only (its challenges and teams in a round, its
 *   digest, its impact), every programme;
 * - startups and everyone else: none (403: their figures are on their team page).
 * Reading a report: the person who asked, the members of the organisation it was built for
 * (the weekly digest), and the managers of the programme it belongs to; others are told
 * nothing (404).
 */
@Injectable()
export class ReportPolicy {
  mayAskAtAll(actor: Actor): boolean {
    return actor.managedProgrammeIds.length > 0 || actor.organisationIds('sponsor').length > 0;
  }

  /** May the actor ask about this programme's round (as a manager)? */
  managesRound(actor: Actor, programmeId: string): boolean {
    return actor.managesProgramme(programmeId);
  }

  isSponsorMember(actor: Actor, organisationId: string): boolean {
    return actor.hasRole('sponsor', organisationId);
  }

  canSee(actor: Actor, report: Report): boolean {
    if (report.requesterUserId === actor.userId) return true;
    if (report.requesterOrganisationId && actor.hasRole('sponsor', report.requesterOrganisationId))
      return true;
    if (report.programmeId && actor.managesProgramme(report.programmeId)) return true;
    return false;
  }
}
