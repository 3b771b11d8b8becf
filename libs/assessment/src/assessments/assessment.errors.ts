import {
  BusinessRuleError,
  ConflictError,
  FieldProblem,
  ProblemEntry,
  entriesOf,
  invalidTransitionEntry,
  notFoundEntry,
  staleVersionEntry,
} from '@catalyst/common';

export class ScoresLockedError extends ConflictError {
  static readonly code = 'assessment.scores_locked';
  static readonly meaning = 'Scores change only while the assessment is assigned.';
  constructor(status: string) {
    super(
      ScoresLockedError.code,
      status === 'submitted'
        ? 'Submitted scores are final; a programme manager may reopen the assessment.'
        : 'A conflicted assessment is not scored.',
    );
  }
}

export class AssessorConflictedError extends BusinessRuleError {
  static readonly code = 'assessment.conflict_of_interest';
  static readonly meaning =
    'The assessor has a conflict of interest with the company and must declare it, not score.';
  constructor() {
    super(
      AssessorConflictedError.code,
      'You have a conflict of interest with the company that applied (a declared conflict, ' +
        'or you are a member of the company): declare it instead of submitting scores.',
    );
  }
}

export class IncompleteScoresError extends BusinessRuleError {
  static readonly code = 'assessment.incomplete_scores';
  static readonly meaning =
    'Not every current rubric criterion is scored; `errors` lists the criteria.';
  constructor(problems: FieldProblem[]) {
    super(
      IncompleteScoresError.code,
      'An assessment is submitted once every rubric criterion is scored.',
    );
    this.extensions.errors = problems;
  }
}

export const ASSESSMENT_PROBLEMS: ProblemEntry[] = [
  ...entriesOf(ScoresLockedError, AssessorConflictedError, IncompleteScoresError),
  notFoundEntry('Assessment'),
  notFoundEntry('Ranking page', 'That page of the ranking is past its last application.'),
  invalidTransitionEntry('assessment'),
  staleVersionEntry('assessment'),
];
