import { Injectable } from '@nestjs/common';
import { ForbiddenError, ValidationFailedError } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import type { ChallengeStatus } from '@catalyst/rounds';
import type { ApplicationActor } from './application.state-machine';
import type { ApplicationStatus } from './application.statuses';

/** What the policy needs to know about an application (and its challenge and round). */
export interface ApplicationFacts {
  /** The programme of its challenge's round. */
  programmeId: string;
  startupOrganisationId: string;
  sponsorOrganisationId: string;
  status: ApplicationStatus;
  submittedAt: Date | null;
  blindReview: boolean;
}

/** Statuses that are decisions already made: naming the company no longer biases anyone. */
export const DECIDED_STATUSES: readonly ApplicationStatus[] = [
  'shortlisted',
  'exploration',
  'selected',
  'waitlisted',
  'rejected',
];

/** Challenge states a company has ever been able to see (the others are internal drafts). */
const SEEN_BY_APPLICANTS: readonly ChallengeStatus[] = ['published', 'closed', 'withdrawn'];

/** A WHERE fragment (over aliases `application`, `challenge`, `round`) and its parameters. */
export interface SqlFilter {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * Who may see and do what with applications. One place, so the single-item check and the list
 * filter never disagree:
 *
 * - programme managers: every application of their own programmes (others are 404); make the
 *   screening and decision moves there;
 * - startup members: their own company's applications, drafts included; create, edit drafts,
 *   submit and withdraw them;
 * - sponsors: applications to their organisation's challenges once submitted (a draft is the
 *   company's private work). In a blind-review round only once decided (shortlisted or later),
 *   so the list cannot unblind sponsor staff who sit on the panel; they review through their
 *   assessments instead;
 * - assessors: nothing here; they see what is assigned to them through assessments.
 */
@Injectable()
export class ApplicationPolicy {
  canView(actor: Actor, app: ApplicationFacts): boolean {
    if (this.manages(actor, app)) return true;
    if (actor.hasRole('startup_member', app.startupOrganisationId)) return true;
    return this.sponsorSees(actor, app);
  }

  /** The actor kinds the caller acts as for this application (drives the state machine). */
  actorsFor(
    actor: Actor,
    app: Pick<ApplicationFacts, 'startupOrganisationId' | 'programmeId'>,
  ): ApplicationActor[] {
    const kinds: ApplicationActor[] = [];
    if (actor.hasRole('startup_member', app.startupOrganisationId)) kinds.push('startup_member');
    if (this.manages(actor, app)) kinds.push('programme_manager');
    return kinds;
  }

  /** A manager of the application's programme: the programme scope of every decision. */
  manages(actor: Actor, app: Pick<ApplicationFacts, 'programmeId'>): boolean {
    return actor.managesProgramme(app.programmeId);
  }

  /**
   * Whether applying to a challenge in this state is a question at all: one that was never
   * public is 404 to an applicant; one that was (closed, withdrawn) is refused for its state.
   */
  applicantsKnowChallenge(status: ChallengeStatus): boolean {
    return SEEN_BY_APPLICANTS.includes(status);
  }

  /**
   * The company the caller applies for (403 unless they are a member of a startup): the one
   * they name, or their only startup; 400 when they belong to several and name none.
   */
  applyingOrganisation(actor: Actor, requested: string | undefined): string {
    const startups = actor.organisationIds('startup_member');
    if (requested) {
      if (!startups.includes(requested)) {
        throw new ForbiddenError('You can apply only on behalf of a startup you are a member of.');
      }
      return requested;
    }
    if (startups.length === 1) return startups[0];
    if (startups.length === 0) {
      throw new ForbiddenError('Only members of a startup organisation can apply.');
    }
    throw new ValidationFailedError(
      'You are a member of several startups: say which one applies.',
      [
        {
          field: 'startupOrganisationId',
          message: 'is required when you belong to several startups',
        },
      ],
    );
  }

  /** Editing answers is the company's own work: programme managers do not rewrite it. */
  canEditAnswers(actor: Actor, app: Pick<ApplicationFacts, 'startupOrganisationId'>): boolean {
    return actor.hasRole('startup_member', app.startupOrganisationId);
  }

  /** Supporting documents are part of the company's own work on its application, as answers are. */
  canAttachDocuments(actor: Actor, app: Pick<ApplicationFacts, 'startupOrganisationId'>): boolean {
    return this.canEditAnswers(actor, app);
  }

  /** The list filter equivalent to canView. */
  listFilter(actor: Actor): SqlFilter {
    const clauses: string[] = [];
    const params: Record<string, unknown> = {};
    const programmes = actor.managedProgrammeIds;
    if (programmes.length) {
      clauses.push('application.programmeId IN (:...policyProgrammes)');
      params.policyProgrammes = programmes;
    }
    const startupOrgs = actor.organisationIds('startup_member');
    if (startupOrgs.length) {
      clauses.push('application.startupOrganisationId IN (:...policyStartupOrgs)');
      params.policyStartupOrgs = startupOrgs;
    }
    const sponsorOrgs = actor.organisationIds('sponsor');
    if (sponsorOrgs.length) {
      clauses.push(
        '(challenge.sponsorOrganisationId IN (:...policySponsorOrgs)' +
          ' AND application.submittedAt IS NOT NULL' +
          ' AND (round.blindReview = false OR application.status IN (:...policyDecided)))',
      );
      params.policySponsorOrgs = sponsorOrgs;
      params.policyDecided = DECIDED_STATUSES;
    }
    return { sql: clauses.length ? `(${clauses.join(' OR ')})` : 'false', params };
  }

  private sponsorSees(actor: Actor, app: ApplicationFacts): boolean {
    if (!actor.hasRole('sponsor', app.sponsorOrganisationId)) return false;
    if (app.submittedAt === null) return false;
    return !app.blindReview || DECIDED_STATUSES.includes(app.status);
  }
}
