import {
  BusinessRuleError,
  ConflictError,
  ProblemEntry,
  entriesOf,
  notFoundEntry,
} from '@catalyst/common';

export class NotAnAssessorError extends BusinessRuleError {
  static readonly code = 'panel.not_an_assessor';
  static readonly meaning = 'Panel members are active users holding the assessor role.';
  constructor() {
    super(
      NotAnAssessorError.code,
      'Panel members must be active users holding the assessor role in some organisation.',
    );
  }
}

export class AlreadyOnPanelError extends ConflictError {
  static readonly code = 'panel.already_member';
  static readonly meaning = 'The user is already on this challenge’s panel.';
  constructor() {
    super(AlreadyOnPanelError.code, 'This user is already on the panel.');
  }
}

export class AssessorHasSubmittedError extends ConflictError {
  static readonly code = 'panel.assessor_has_submitted';
  static readonly meaning = 'An assessor who has submitted assessments stays on the panel.';
  constructor(submitted: number) {
    super(
      AssessorHasSubmittedError.code,
      `This assessor has submitted ${submitted} assessment${submitted === 1 ? '' : 's'} ` +
        'for this challenge and stays on the panel.',
    );
  }
}

export class PanelCompetitorError extends BusinessRuleError {
  static readonly code = 'panel.competitor';
  static readonly meaning =
    'The user is a member of a company that applied to this challenge: never on its panel.';
  constructor() {
    super(
      PanelCompetitorError.code,
      'This user is a member of a company that applied to this challenge and may not judge ' +
        'any of its applications.',
    );
  }
}

export const PANEL_PROBLEMS: ProblemEntry[] = [
  ...entriesOf(
    NotAnAssessorError,
    AlreadyOnPanelError,
    AssessorHasSubmittedError,
    PanelCompetitorError,
  ),
  notFoundEntry('Panel member', 'The user is not on this challenge’s panel.'),
];
