import {
  BusinessRuleError,
  ConflictError,
  ProblemEntry,
  entriesOf,
  staleVersionEntry,
} from '@catalyst/common';

export class BlindCopyNotBlindError extends BusinessRuleError {
  static readonly code = 'blind_copy.not_blind';
  static readonly meaning = 'The round is not blind: there is no blind copy to review or amend.';
  constructor() {
    super(
      BlindCopyNotBlindError.code,
      'This round is not blind: its panel reads the application as submitted.',
    );
  }
}

export class BlindCopyAssessmentStartedError extends ConflictError {
  static readonly code = 'blind_copy.assessment_started';
  static readonly meaning =
    'An assessor has submitted scores for the application: the copy they read no longer changes.';
  constructor() {
    super(
      BlindCopyAssessmentStartedError.code,
      'An assessor has submitted scores for this application: the copy they read stays as it was.',
    );
  }
}

export const BLIND_COPY_PROBLEMS: ProblemEntry[] = [
  ...entriesOf(BlindCopyNotBlindError, BlindCopyAssessmentStartedError),
  staleVersionEntry('blind_copy'),
];
