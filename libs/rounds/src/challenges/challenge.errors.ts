import {
  BusinessRuleError,
  ConflictError,
  ProblemEntry,
  entriesOf,
  invalidTransitionEntry,
  notFoundEntry,
  staleVersionEntry,
  withArticle,
} from '@catalyst/common';

export class ChallengeRoundNotAcceptingError extends BusinessRuleError {
  static readonly code = 'challenge.round_not_accepting';
  static readonly meaning = 'Challenges are proposed only while their round is draft or open.';
  constructor(roundStatus: string) {
    super(
      ChallengeRoundNotAcceptingError.code,
      `The round is ${roundStatus}: challenges are proposed while a round is draft or open.`,
    );
  }
}

export class ChallengeSponsorRequiredError extends BusinessRuleError {
  static readonly code = 'challenge.sponsor_required';
  static readonly meaning =
    'A challenge belongs to a sponsor organisation; `errors` names the field.';
  constructor() {
    super(ChallengeSponsorRequiredError.code, 'A challenge belongs to a sponsor organisation.');
    this.extensions.errors = [
      { field: 'sponsorOrganisationId', message: 'must be a sponsor organisation' },
    ];
  }
}

export class ChallengeNotEditableError extends ConflictError {
  static readonly code = 'challenge.not_editable';
  static readonly meaning = 'The challenge is past the stages in which it may be edited.';
  constructor(status: string) {
    super(
      ChallengeNotEditableError.code,
      `${withArticle(status, true)} challenge no longer changes.`,
    );
  }
}

export class ChallengeHasApplicationsError extends ConflictError {
  static readonly code = 'challenge.has_applications';
  static readonly meaning =
    'The questions and rubric are frozen once the challenge has applications.';
  constructor() {
    super(
      ChallengeHasApplicationsError.code,
      'This challenge already has applications: changing its questions or rubric would make earlier answers or scores unfair.',
    );
  }
}

export class ChallengeRoundStageError extends BusinessRuleError {
  static readonly code = 'challenge.round_stage';
  static readonly meaning =
    'The move is allowed only while the challenge’s round is draft or open.';
  constructor(roundStatus: string, to: string) {
    super(
      ChallengeRoundStageError.code,
      `The round is ${roundStatus}: a challenge can be ${to} only while its round is draft or open.`,
    );
  }
}

export class ChallengeCallClosedError extends BusinessRuleError {
  static readonly code = 'challenge.call_closed';
  static readonly meaning = 'A challenge cannot be published after its round’s call has closed.';
  constructor() {
    super(
      ChallengeCallClosedError.code,
      'The round’s call has closed: move its closing time (with a reason) before publishing.',
    );
  }
}

export const CHALLENGE_PROBLEMS: ProblemEntry[] = [
  ...entriesOf(
    ChallengeRoundNotAcceptingError,
    ChallengeSponsorRequiredError,
    ChallengeNotEditableError,
    ChallengeHasApplicationsError,
    ChallengeRoundStageError,
    ChallengeCallClosedError,
  ),
  notFoundEntry('Challenge'),
  invalidTransitionEntry('challenge'),
  staleVersionEntry('challenge'),
];
