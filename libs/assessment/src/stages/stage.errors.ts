import {
  BusinessRuleError,
  ConflictError,
  FieldProblem,
  ProblemEntry,
  entriesOf,
  notFoundEntry,
} from '@catalyst/common';

export class StageKeyTakenError extends ConflictError {
  static readonly code = 'stage.key_taken';
  static readonly meaning = 'The challenge already has a stage with this key.';
  constructor(key: string) {
    super(StageKeyTakenError.code, `This challenge already has a stage '${key}'.`);
  }
}

export class InterviewNotBlindError extends BusinessRuleError {
  static readonly code = 'stage.interview_not_blind';
  static readonly meaning = 'A stage held in interview slots cannot be blind.';
  constructor() {
    super(
      InterviewNotBlindError.code,
      'An interview (a stage with slots) meets the company: it cannot be blind.',
    );
  }
}

export class FirstStageEntryError extends BusinessRuleError {
  static readonly code = 'stage.first_stage_has_everyone';
  static readonly meaning =
    'Every assessable application is in the first stage; entries are into later stages.';
  constructor() {
    super(
      FirstStageEntryError.code,
      'Every submitted application is in the first stage already: enter applications into a later stage.',
    );
  }
}

export class StageEntryRefusedError extends BusinessRuleError {
  static readonly code = 'stage.entry_refused';
  static readonly meaning =
    'Some applications cannot enter the stage (`errors` lists them): each must be an ' +
    'assessable application of the challenge in the stage before; nothing was changed.';
  constructor(problems: FieldProblem[]) {
    super(
      StageEntryRefusedError.code,
      `${problems.length} of the applications cannot enter this stage; nothing was changed.`,
    );
    this.extensions.errors = problems;
  }
}

export class AlreadyInStageError extends ConflictError {
  static readonly code = 'stage.already_entered';
  static readonly meaning = 'An application is already in the stage.';
  constructor(applicationIds: string[]) {
    super(
      AlreadyInStageError.code,
      `Already in this stage: ${applicationIds.join(', ')}; nothing was changed.`,
    );
    this.extensions.applicationIds = applicationIds;
  }
}

export class ModerationOutcomeNeedsScoresError extends BusinessRuleError {
  static readonly code = 'stage.outcome_unscored';
  static readonly meaning =
    'A moderated outcome is recorded for an application the stage has scored.';
  constructor() {
    super(
      ModerationOutcomeNeedsScoresError.code,
      'This application has no counted assessment in this stage: nothing to moderate yet.',
    );
  }
}

export const STAGE_PROBLEMS: ProblemEntry[] = [
  ...entriesOf(
    StageKeyTakenError,
    InterviewNotBlindError,
    FirstStageEntryError,
    StageEntryRefusedError,
    AlreadyInStageError,
    ModerationOutcomeNeedsScoresError,
  ),
  notFoundEntry('Stage', 'The challenge has no stage with this key.'),
];
