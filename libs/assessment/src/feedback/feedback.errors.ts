import {
  BusinessRuleError,
  ConflictError,
  ProblemEntry,
  entriesOf,
  notFoundEntry,
} from '@catalyst/common';

export class FeedbackUndecidedError extends BusinessRuleError {
  static readonly code = 'feedback.undecided';
  static readonly meaning =
    'Feedback is released once every submitted application of the challenge has a decision.';
  constructor(undecided: number) {
    super(
      FeedbackUndecidedError.code,
      `${undecided} application${undecided === 1 ? ' is' : 's are'} still awaiting a decision: ` +
        'decide each before releasing feedback.',
    );
    this.extensions.undecided = undecided;
  }
}

export class FeedbackAlreadyReleasedError extends ConflictError {
  static readonly code = 'feedback.already_released';
  static readonly meaning =
    'The challenge’s feedback is released: it is not released again, and its comments are final.';
  constructor() {
    super(FeedbackAlreadyReleasedError.code, 'This challenge’s feedback has been released.');
  }
}

export const FEEDBACK_PROBLEMS: ProblemEntry[] = [
  ...entriesOf(FeedbackUndecidedError, FeedbackAlreadyReleasedError),
  notFoundEntry('Feedback', 'No feedback for this application, or not released to you yet.'),
];
