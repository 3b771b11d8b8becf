import { QueryFailedError } from 'typeorm';
import {
  BusinessRuleError,
  ConflictError,
  DeadlinePassedError,
  FieldProblem,
  ProblemEntry,
  ValidationFailedError,
  entriesOf,
  invalidTransitionEntry,
  notFoundEntry,
  staleVersionEntry,
} from '@catalyst/common';

export const ONE_LIVE_APPLICATION_INDEX = 'applications_one_live_per_company';

export class DuplicateApplicationError extends ConflictError {
  static readonly code = 'application.duplicate';
  static readonly meaning =
    'The company already has a live application to this challenge (`existingApplicationId`).';
  constructor(existingApplicationId?: string) {
    super(
      DuplicateApplicationError.code,
      'This company already has a live application to this challenge. Edit that one, or ' +
        'withdraw it before applying again.',
    );
    if (existingApplicationId) this.extensions.existingApplicationId = existingApplicationId;
  }
}

/** True when the database refused a second live application for one company and challenge. */
export function isDuplicateLiveApplication(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string } | undefined;
  return driverError?.code === '23505' && driverError.constraint === ONE_LIVE_APPLICATION_INDEX;
}

export function invalidAnswers(problems: FieldProblem[]): ValidationFailedError {
  return new ValidationFailedError(
    `${problems.length} answer${problems.length === 1 ? ' is' : 's are'} not valid for this challenge's questions.`,
    problems,
  );
}

export class ChallengeNotAcceptingApplicationsError extends BusinessRuleError {
  static readonly code = 'application.challenge_closed';
  static readonly meaning = 'The challenge is not published, so it takes no applications.';
  constructor(challengeStatus: string) {
    super(
      ChallengeNotAcceptingApplicationsError.code,
      `This challenge is not accepting applications (it is '${challengeStatus}').`,
    );
  }
}

export class ApplicationNotDraftError extends ConflictError {
  static readonly code = 'application.not_draft';
  static readonly meaning = 'Only a draft application can be edited.';
  constructor(status: string) {
    super(
      ApplicationNotDraftError.code,
      `Only a draft can be edited; this application is '${status}'.`,
    );
  }
}

export class ApplicationRoundStageError extends BusinessRuleError {
  static readonly code = 'application.round_stage';
  static readonly meaning = 'The round’s stage does not allow this move of the application.';
  constructor(to: string, stages: readonly string[], roundStatus: string) {
    super(
      ApplicationRoundStageError.code,
      `An application can move to '${to}' only while its round is in ` +
        `${stages.map((s) => `'${s}'`).join(' or ')}; this round is '${roundStatus}'.`,
    );
  }
}

export class TeamLockedError extends BusinessRuleError {
  static readonly code = 'application.team_locked';
  static readonly meaning =
    'A selected application is a cohort team and stays selected once the round has moved on.';
  constructor(roundStatus: string) {
    super(
      TeamLockedError.code,
      `A selected application is a team in the round's cohort; it cannot leave 'selected' ` +
        `once the round is '${roundStatus}'.`,
    );
  }
}

export class PanelIncompleteError extends BusinessRuleError {
  static readonly code = 'assessment.panel_incomplete';
  static readonly meaning =
    'The decision needs the panel’s assessment first (`assessments` counts submitted, outstanding, conflicted).';
  constructor(
    detail: string,
    assessments: { submitted: number; outstanding: number; conflicted: number },
  ) {
    super(PanelIncompleteError.code, detail);
    this.extensions.assessments = assessments;
  }
}

export class CallNotOpenError extends DeadlinePassedError {
  static readonly code = 'application.call_not_open';
  static readonly meaning = 'The round is not taking applications (not open).';
  constructor(doing: string, roundStatus: string) {
    super(
      CallNotOpenError.code,
      `You cannot ${doing}: the round is not taking applications (it is '${roundStatus}').`,
    );
  }
}

export class ApplicationDeadlinePassedError extends DeadlinePassedError {
  static readonly code = 'application.deadline_passed';
  static readonly meaning = 'The round’s closing time has come; applications no longer change.';
  constructor(doing: string, closesAt: Date, closesAtLocal: string, timezone: string) {
    super(
      ApplicationDeadlinePassedError.code,
      `You can no longer ${doing}: applications closed at ${closesAt.toISOString()} ` +
        `(${closesAtLocal} ${timezone}).`,
    );
  }
}

export class TeamInUseError extends ConflictError {
  static readonly code = 'application.team_in_use';
  static readonly meaning =
    'The selected application’s team already has accelerator records (a milestone plan, milestones or progress updates), so the selection cannot be reversed.';
  constructor() {
    super(
      TeamInUseError.code,
      'This team has already started its accelerator work (a milestone plan, milestones or ' +
        'progress updates), so it cannot leave the cohort. Remove its planned milestones first, ' +
        'or keep it selected.',
    );
  }
}

/** True when the database refused to delete a team that other records still refer to. */
export function isTeamStillReferenced(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  return (error.driverError as { code?: string } | undefined)?.code === '23503';
}

export const APPLICATION_PROBLEMS: ProblemEntry[] = [
  ...entriesOf(
    DuplicateApplicationError,
    ChallengeNotAcceptingApplicationsError,
    ApplicationNotDraftError,
    ApplicationRoundStageError,
    TeamLockedError,
    TeamInUseError,
    PanelIncompleteError,
    CallNotOpenError,
    ApplicationDeadlinePassedError,
  ),
  notFoundEntry('Application'),
  invalidTransitionEntry('application'),
  staleVersionEntry('application'),
];
