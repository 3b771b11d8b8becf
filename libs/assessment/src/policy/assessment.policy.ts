import { Injectable } from '@nestjs/common';
import { Actor, assertAllowed, assertVisible } from '@catalyst/identity';
import type { AssessmentActor } from '../assessments/assessment.state-machine';

/** The parts of a challenge the policy decides from. */
export interface ChallengeFacts {
  id: string;
  /** The programme of the challenge's round: its managers are the "programme manager" here. */
  programmeId: string;
  sponsorOrganisationId: string;
  blindReview: boolean;
  /** The caller sits on the challenge's panel. */
  isPanelMember: boolean;
}

export interface AssessmentFacts {
  id: string;
  assessorUserId: string;
  programmeId: string;
}

/**
 * Who may see and do what in assessment, in one place. "Programme manager" below means a
 * manager of the challenge's programme: to a programme manager of another programme it is
 * like any stranger's (404). A resource the caller has no business
 * knowing about answers 404; one they know of (their own panel, their own organisation's
 * challenge) but may not use answers 403.
 *
 * | action                         | programme manager | challenge sponsor | panel member   | others |
 * |--------------------------------|-------------------|-------------------|----------------|--------|
 * | manage panel, assign, bulk     | yes               | 403               | 403            | 404    |
 * | see the panel                  | yes               | yes               | 403            | 404    |
 * | see progress and ranking       | yes               | yes²              | 403            | 404    |
 * | declare a conflict             | for any member    | 403               | for themselves | 404    |
 * | moderation notes (read/write)  | yes               | 403               | yes¹           | 404    |
 * | see / score an assessment      | see               | 404               | only their own | 404    |
 * | review / amend the blind copy  | yes               | 403               | 403            | 404    |
 * | see the stages                 | yes               | yes               | yes            | 404    |
 * | add stages, enter applications | yes               | 403               | 403            | 404    |
 * | interview slots: add           | yes               | 403               | 403            | 404    |
 * | interview slots: see all       | yes               | yes               | yes³           | 404⁴   |
 * | release feedback, edit comments| yes               | 403               | 403            | 404    |
 * | read an application’s feedback | yes (preview)     | 404               | 404            | 404⁵   |
 *
 * ¹ 403 for an application of a company the caller is conflicted with (declared, or a member).
 * ² 403 while the caller (a sponsor who also sits on the panel) still has assessments to submit:
 *   others' scores must not anchor theirs.
 * ³ the stage's panel: their timetable. ⁴ A member of a company entered into the stage sees the
 *   free slots and its own, and books one. ⁵ The applying company reads its own application's
 *   feedback once the challenge's feedback is released (404 before: nothing is visible).
 */
@Injectable()
export class AssessmentPolicy {
  /** Knows the challenge exists and is involved with it (decides 403 versus 404). */
  knowsChallenge(actor: Actor, challenge: ChallengeFacts): boolean {
    return (
      this.manages(actor, challenge) ||
      challenge.isPanelMember ||
      actor.isMemberOf(challenge.sponsorOrganisationId)
    );
  }

  /** A manager of the programme the challenge (or assessment) belongs to. */
  manages(actor: Actor, scoped: { programmeId: string }): boolean {
    return actor.managesProgramme(scoped.programmeId);
  }

  isChallengeSponsor(actor: Actor, challenge: ChallengeFacts): boolean {
    return actor.hasRole('sponsor', challenge.sponsorOrganisationId);
  }

  assertCanManagePanel(actor: Actor, challenge: ChallengeFacts): void {
    this.decide(
      actor,
      challenge,
      this.manages(actor, challenge),
      'Only programme managers form panels.',
    );
  }

  assertCanSeeStages(actor: Actor, challenge: ChallengeFacts): void {
    assertVisible(this.knowsChallenge(actor, challenge), 'Challenge', challenge.id);
  }

  /** The whole timetable: programme managers, the sponsor and the stage's panel. */
  seesWholeTimetable(
    actor: Actor,
    challenge: ChallengeFacts & { isStagePanelMember: boolean },
  ): boolean {
    return (
      this.manages(actor, challenge) ||
      this.isChallengeSponsor(actor, challenge) ||
      challenge.isStagePanelMember
    );
  }

  /**
   * An application's feedback: its company once released; the programme's managers any time
   * (to check and edit it before release). Anyone else: 404.
   */
  assertCanReadFeedback(
    actor: Actor,
    facts: {
      applicationId: string;
      programmeId: string;
      startupOrganisationId: string;
      released: boolean;
    },
  ): void {
    assertVisible(
      this.manages(actor, facts) ||
        (facts.released && actor.isMemberOf(facts.startupOrganisationId)),
      'Feedback',
      facts.applicationId,
    );
  }

  assertCanOverseeReview(actor: Actor, challenge: ChallengeFacts): void {
    this.decide(
      actor,
      challenge,
      this.manages(actor, challenge) || this.isChallengeSponsor(actor, challenge),
      'Only programme managers and the challenge’s sponsor see the panel, progress and ranking.',
    );
  }

  /**
   * Progress and ranking reveal other assessors' scores (a mean and a spread over three
   * assessors give them away), so a sponsor who also scores sees them only once their own
   * assessments in the challenge are submitted.
   */
  assertCanSeeScores(
    actor: Actor,
    challenge: ChallengeFacts & { hasOpenAssessments: boolean },
  ): void {
    this.assertCanOverseeReview(actor, challenge);
    assertAllowed(
      this.manages(actor, challenge) || !challenge.hasOpenAssessments,
      'Submit your own assessments in this challenge first: progress and the ranking stay hidden ' +
        'from a panel member who is still scoring.',
    );
  }

  /**
   * The programmes whose challenges' review figures a caller sees across many challenges at
   * once (the dashboard): those they manage. A sponsor's view of one challenge goes through
   * assertCanSeeScores, which also checks their own open assessments.
   */
  reviewOverviewProgrammes(actor: Actor): string[] {
    return [...actor.managedProgrammeIds];
  }

  /** `assessorUserId`: whose conflict is being declared. */
  assertCanDeclareConflict(actor: Actor, challenge: ChallengeFacts, assessorUserId: string): void {
    this.decide(
      actor,
      challenge,
      this.manages(actor, challenge) ||
        (challenge.isPanelMember && assessorUserId === actor.userId),
      'Panel members declare their own conflicts; programme managers may record them for anyone.',
    );
  }

  /**
   * `applicationId`: the thread's application, named in the 404 instead of the challenge.
   * `callerConflicted`: the caller declared a conflict with the applying company or is one of
   * its members; moderation is where scores are argued, so they take no part in it.
   */
  assertCanModerate(
    actor: Actor,
    challenge: ChallengeFacts,
    applicationId?: string,
    callerConflicted = false,
  ): void {
    const resource = applicationId ? { entity: 'Application', id: applicationId } : undefined;
    this.decide(
      actor,
      challenge,
      this.manages(actor, challenge) || challenge.isPanelMember,
      'Moderation notes are for the challenge’s panel and programme managers.',
      resource,
    );
    this.decide(
      actor,
      challenge,
      !callerConflicted,
      'You have a conflict of interest with this company and take no part in its moderation.',
      resource,
    );
  }

  assertCanSeeAssessment(actor: Actor, assessment: AssessmentFacts): void {
    assertVisible(
      this.manages(actor, assessment) || assessment.assessorUserId === actor.userId,
      'Assessment',
      assessment.id,
    );
  }

  /** Scores are the assigned assessor's own; nobody scores on their behalf. */
  assertCanScore(actor: Actor, assessment: AssessmentFacts): void {
    this.assertCanSeeAssessment(actor, assessment);
    assertAllowed(
      this.transitionActors(actor, assessment).includes('assessor'),
      'Only the assigned assessor scores an assessment.',
    );
  }

  /** The roles the caller plays for this assessment's state machine. */
  transitionActors(actor: Actor, assessment: AssessmentFacts): AssessmentActor[] {
    const actors: AssessmentActor[] = [];
    if (assessment.assessorUserId === actor.userId && actor.hasRole('assessor')) {
      actors.push('assessor');
    }
    if (this.manages(actor, assessment)) actors.push('programme_manager');
    return actors;
  }

  /**
   * Whose assessments a list may show: a programme manager's list shows everyone's in their
   * programmes, and their own anywhere (or the one assessor they ask for, or only their own
   * with `mine`); everyone else's only their own, whatever they ask for.
   */
  assessmentListScope(
    actor: Actor,
    requested: { mine?: boolean; assessorUserId?: string },
  ): AssessmentListScope {
    const programmeIds = [...actor.managedProgrammeIds];
    if (requested.mine || programmeIds.length === 0) {
      return { assessorUserId: actor.userId, programmeIds: 'any' };
    }
    if (requested.assessorUserId) {
      return { assessorUserId: requested.assessorUserId, programmeIds };
    }
    return { assessorUserId: 'anyone', programmeIds, ownAnywhere: actor.userId };
  }

  /** Blind rounds hide the company from everyone but the programme's managers. */
  seesIdentity(
    actor: Actor,
    challenge: Pick<ChallengeFacts, 'blindReview' | 'programmeId'>,
  ): boolean {
    return !challenge.blindReview || this.manages(actor, challenge);
  }

  /**
   * The blind copy of an application (what a blind panel reads) is reviewed and amended by
   * programme managers only: it sits beside the company's identity.
   */
  assertCanReviewBlindCopy(actor: Actor, challenge: ChallengeFacts, applicationId: string): void {
    this.decide(
      actor,
      challenge,
      this.manages(actor, challenge),
      'Only programme managers review and amend the blind copy.',
      { entity: 'Application', id: applicationId },
    );
  }

  private decide(
    actor: Actor,
    challenge: ChallengeFacts,
    allowed: boolean,
    why: string,
    resource: { entity: string; id: string } = { entity: 'Challenge', id: challenge.id },
  ): void {
    if (allowed) return;
    assertVisible(this.knowsChallenge(actor, challenge), resource.entity, resource.id);
    assertAllowed(false, why);
  }
}

/**
 * An assessment list's filter: whose (one assessor, or anyone) and in which programmes
 * ('any' for the caller's own assessments); `ownAnywhere` adds the caller's own elsewhere.
 */
export interface AssessmentListScope {
  /** One assessor's, or (the literal 'anyone') everyone's. */
  assessorUserId: string;
  programmeIds: string[] | 'any';
  ownAnywhere?: string;
}
