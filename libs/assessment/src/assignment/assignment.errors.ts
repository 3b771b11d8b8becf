import {
  BusinessRuleError,
  ConflictError,
  FieldProblem,
  ProblemEntry,
  entriesOf,
} from '@catalyst/common';

export class PanelEmptyError extends BusinessRuleError {
  static readonly code = 'assignment.panel_empty';
  static readonly meaning = 'The challenge’s panel has no active assessor to assign.';
  constructor() {
    super(PanelEmptyError.code, 'The panel is empty: add assessors before assigning.');
  }
}

export class PanelTooSmallError extends BusinessRuleError {
  static readonly code = 'assignment.panel_too_small';
  static readonly meaning = 'The panel has fewer active assessors than each application needs.';
  constructor(perApplication: number, panelSize: number) {
    super(
      PanelTooSmallError.code,
      `Each application needs ${perApplication} distinct assessors but the panel has ` +
        `${panelSize} active member${panelSize === 1 ? '' : 's'}.`,
    );
  }
}

export class AssignmentRulesBrokenError extends BusinessRuleError {
  static readonly code = 'assignment.rules_broken';
  static readonly meaning =
    'Some requested assignments break the rules (`errors` lists them); nothing was changed.';
  constructor(problems: FieldProblem[]) {
    super(
      AssignmentRulesBrokenError.code,
      `${problems.length} of the requested changes break assignment rules; nothing was changed.`,
    );
    this.extensions.errors = problems;
  }
}

export class AssignmentCompetitorError extends BusinessRuleError {
  static readonly code = 'assignment.competitor';
  static readonly meaning =
    'A member of a company that applied to this challenge was to assess one of its applications; nothing was changed.';
  constructor(problems: FieldProblem[]) {
    super(
      AssignmentCompetitorError.code,
      'A member of a company that applied to this challenge is conflicted for every ' +
        'application of it; nothing was changed.',
    );
    this.extensions.errors = problems;
  }
}

export class AssignmentConflictingChangesError extends ConflictError {
  static readonly code = 'assignment.conflicting_changes';
  static readonly meaning =
    'Some requested changes no longer fit the current assignments; nothing was changed.';
  constructor(conflicts: string[]) {
    super(AssignmentConflictingChangesError.code, `Nothing was changed: ${conflicts.join('; ')}.`);
  }
}

export class AssessmentSubmittedMeanwhileError extends ConflictError {
  static readonly code = 'assignment.assessment_submitted';
  static readonly meaning =
    'An assessment to remove was submitted while the request ran; nothing was changed.';
  constructor() {
    super(
      AssessmentSubmittedMeanwhileError.code,
      'Nothing was changed: an assessment was submitted meanwhile.',
    );
  }
}

export const ASSIGNMENT_PROBLEMS: ProblemEntry[] = entriesOf(
  PanelEmptyError,
  PanelTooSmallError,
  AssignmentRulesBrokenError,
  AssignmentCompetitorError,
  AssignmentConflictingChangesError,
  AssessmentSubmittedMeanwhileError,
);
