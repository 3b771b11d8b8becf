import { BusinessRuleError, ConflictError, ProblemEntry, entriesOf } from '@catalyst/common';

export class ConflictAlreadyDeclaredError extends ConflictError {
  static readonly code = 'conflict.already_declared';
  static readonly meaning = 'This conflict of interest is already on record.';
  constructor() {
    super(
      ConflictAlreadyDeclaredError.code,
      'This conflict of interest is already on record for this challenge.',
    );
  }
}

export class ConflictBlindNeedsApplicationError extends BusinessRuleError {
  static readonly code = 'conflict.blind_needs_application';
  static readonly meaning =
    'In a blind round a conflict is declared on an application, never on a company id.';
  constructor() {
    super(
      ConflictBlindNeedsApplicationError.code,
      'In a blind round, declare a conflict on the application, not on a company.',
    );
  }
}

export class ConflictNotOnPanelError extends BusinessRuleError {
  static readonly code = 'conflict.not_on_panel';
  static readonly meaning = 'Only members of the challenge’s panel declare conflicts.';
  constructor() {
    super(
      ConflictNotOnPanelError.code,
      'Conflicts are declared by members of this challenge’s panel.',
    );
  }
}

export class ConflictNotACompanyError extends BusinessRuleError {
  static readonly code = 'conflict.not_a_company';
  static readonly meaning = 'A conflict is declared with a startup organisation.';
  constructor() {
    super(
      ConflictNotACompanyError.code,
      'Conflicts are declared with a company (a startup organisation).',
    );
  }
}

export const CONFLICT_PROBLEMS: ProblemEntry[] = entriesOf(
  ConflictAlreadyDeclaredError,
  ConflictBlindNeedsApplicationError,
  ConflictNotOnPanelError,
  ConflictNotACompanyError,
);
