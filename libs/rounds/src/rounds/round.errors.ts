import {
  BusinessRuleError,
  ProblemEntry,
  entriesOf,
  invalidTransitionEntry,
  notFoundEntry,
  staleVersionEntry,
  withArticle,
} from '@catalyst/common';

export class RoundNotEditableError extends BusinessRuleError {
  static readonly code = 'round.not_editable';
  static readonly meaning = 'The round has moved past the stages in which it may be edited.';
  constructor(status: string) {
    super(
      RoundNotEditableError.code,
      `${withArticle(status, true)} round can no longer be edited.`,
    );
  }
}

export class RoundCallOverError extends BusinessRuleError {
  static readonly code = 'round.call_over';
  static readonly meaning = 'The round’s open call is over, so its call dates no longer move.';
  constructor(status: string) {
    super(
      RoundCallOverError.code,
      `The open call of this round is over (it is in ${status}); its dates no longer move.`,
    );
  }
}

export class RoundReasonRequiredError extends BusinessRuleError {
  static readonly code = 'round.reason_required';
  static readonly meaning =
    'Changing an open call (moving its dates, closing it early) or moving a round before its date needs a reason for the audit trail.';
  static forMovedDates(fields: string[]): RoundReasonRequiredError {
    return new RoundReasonRequiredError(
      `The round is open: moving ${fields.join(' and ')} needs a reason, which is kept in the audit trail.`,
    );
  }
  static forEarlyClose(closesAt: Date): RoundReasonRequiredError {
    return new RoundReasonRequiredError(
      `The call is open until ${closesAt.toISOString()}: closing it early needs a reason.`,
    );
  }
  static forEarlyMove(to: string, plannedFor: string): RoundReasonRequiredError {
    return new RoundReasonRequiredError(
      `Moving the round to ${to} is planned for ${plannedFor}: doing it earlier needs a reason.`,
    );
  }
  private constructor(detail: string) {
    super(RoundReasonRequiredError.code, detail);
  }
}

export class RoundClosesInPastError extends BusinessRuleError {
  static readonly code = 'round.closes_in_past';
  static readonly meaning = 'An open round’s closing time cannot move into the past.';
  constructor() {
    super(
      RoundClosesInPastError.code,
      'The closing time of an open round cannot move into the past.',
    );
  }
}

export class RoundBlindReviewSettledError extends BusinessRuleError {
  static readonly code = 'round.blind_review_settled';
  static readonly meaning = 'Blind review cannot be switched once assessment has started.';
  constructor() {
    super(
      RoundBlindReviewSettledError.code,
      'Blind review is settled once assessment has started.',
    );
  }
}

export class RoundClosingTimePassedError extends BusinessRuleError {
  static readonly code = 'round.closing_time_passed';
  static readonly meaning = 'The round cannot open: its closing time has passed.';
  constructor() {
    super(
      RoundClosingTimePassedError.code,
      'The round’s closing time has already passed: move closesAt before opening it.',
    );
  }
}

export const ROUND_PROBLEMS: ProblemEntry[] = [
  ...entriesOf(
    RoundNotEditableError,
    RoundCallOverError,
    RoundReasonRequiredError,
    RoundClosesInPastError,
    RoundBlindReviewSettledError,
    RoundClosingTimePassedError,
  ),
  notFoundEntry('Round'),
  invalidTransitionEntry('round'),
  staleVersionEntry('round'),
];
