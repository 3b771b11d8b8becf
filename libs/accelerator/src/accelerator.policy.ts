import { Injectable } from '@nestjs/common';
import type { Actor } from '@catalyst/identity';
import type { AcceleratorActor } from './plans/milestone-plan.state-machine';

/** The round a decision is about, and the programme it belongs to. */
export interface RoundFacts {
  id: string;
  programmeId: string;
}

/** What the policy needs to know about a team. */
export interface TeamFacts {
  round: RoundFacts;
  startupOrganisationId: string;
  sponsorOrganisationId: string;
}

/** A WHERE fragment over the alias `team` and its parameters. */
export interface TeamSqlFilter {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * Who may see and do what in the accelerator: one place for teams, milestones, plans, progress
 * updates, sprints and payments.
 *
 * - managers of the round's programme: every team; generate sprints, record payments, act for
 *   the team or the sponsor (audited as acting on that side's behalf);
 * - the team's sponsor organisation: its teams; agree plans, accept milestones or ask for
 *   changes;
 * - the team's company (startup members): its own team; plan, work, submit (with documents
 *   attached to the milestone), log progress (with documents attached to its own update).
 *
 * Anyone else is told nothing (404). A member of the team's company is only ever the team,
 * whatever else they are, so the team can never accept its own milestone.
 *
 * Programme scope: every "is this a programme manager here" question goes through
 * `managesRound` (a manager of the round's programme), and every list's programme-manager
 * scope through `managedTeamsFilter` (the teams of the managed programmes); a programme
 * manager of another programme is told nothing (404).
 */
@Injectable()
export class AcceleratorPolicy {
  /** Whether the caller runs the round's programme. */
  managesRound(actor: Actor, round: RoundFacts): boolean {
    return actor.managesProgramme(round.programmeId);
  }

  isTeamMember(actor: Actor, team: TeamFacts): boolean {
    return actor.hasRole('startup_member', team.startupOrganisationId);
  }

  isTeamSponsor(actor: Actor, team: TeamFacts): boolean {
    return actor.hasRole('sponsor', team.sponsorOrganisationId);
  }

  canSeeTeam(actor: Actor, team: TeamFacts): boolean {
    return (
      this.managesRound(actor, team.round) ||
      this.isTeamSponsor(actor, team) ||
      this.isTeamMember(actor, team)
    );
  }

  /** The state-machine actor kinds the caller is for this team (milestones and the plan). */
  actorsFor(actor: Actor, team: TeamFacts): AcceleratorActor[] {
    if (this.isTeamMember(actor, team)) return ['team'];
    const kinds: AcceleratorActor[] = [];
    if (this.isTeamSponsor(actor, team)) kinds.push('sponsor');
    if (this.managesRound(actor, team.round)) kinds.push('programme_manager');
    return kinds;
  }

  /**
   * Whether the caller does the team's own work on this team's milestones and progress
   * (attaching documents to a milestone): the team, or a manager of the round's programme
   * acting for it, as they may make the team's milestone moves. The sponsor does not.
   */
  canWorkForTeam(actor: Actor, team: TeamFacts): boolean {
    const kinds = this.actorsFor(actor, team);
    return kinds.includes('team') || kinds.includes('programme_manager');
  }

  /** Whether the caller acts for the team without being it (audited `onBehalfOf: 'team'`). */
  actsForTeam(actor: Actor, team: TeamFacts): boolean {
    return !this.actorsFor(actor, team).includes('team');
  }

  /** Sprints and payments are the programme's: its managers generate and record them. */
  canManageRound(actor: Actor, round: RoundFacts): boolean {
    return this.managesRound(actor, round);
  }

  /** Progress is logged by the team itself. */
  canLogProgress(actor: Actor, team: TeamFacts): boolean {
    return this.isTeamMember(actor, team);
  }

  /**
   * The teams a list shows, as SQL over alias `team`: null means every team. `mine` keeps only
   * the caller's own teams (its company's, its sponsor organisations'), for whatever role.
   */
  teamListFilter(actor: Actor, mine = false): TeamSqlFilter | null {
    const managed = mine ? { sql: 'false', params: {} } : this.managedTeamsFilter(actor);
    if (managed === null) return null;
    const clauses = [managed.sql];
    const params: Record<string, unknown> = { ...managed.params };
    const sponsorOrgs = actor.organisationIds('sponsor');
    if (sponsorOrgs.length) {
      clauses.push('team.sponsorOrganisationId IN (:...acceleratorSponsorOrgs)');
      params.acceleratorSponsorOrgs = sponsorOrgs;
    }
    const startupOrgs = actor.organisationIds('startup_member');
    if (startupOrgs.length) {
      clauses.push('team.startupOrganisationId IN (:...acceleratorStartupOrgs)');
      params.acceleratorStartupOrgs = startupOrgs;
    }
    return { sql: `(${clauses.join(' OR ')})`, params };
  }

  /**
   * The teams the caller sees as a programme manager: those of the programmes they manage
   * (none, `false`, for anyone else). The one place the programme scope of lists is decided.
   */
  managedTeamsFilter(actor: Actor): TeamSqlFilter | null {
    const programmes = actor.managedProgrammeIds;
    return programmes.length
      ? {
          sql: 'team.programmeId IN (:...acceleratorProgrammes)',
          params: { acceleratorProgrammes: [...programmes] },
        }
      : { sql: 'false', params: {} };
  }
}
