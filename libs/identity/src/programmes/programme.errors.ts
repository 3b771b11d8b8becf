import {
  BusinessRuleError,
  ConflictError,
  ProblemEntry,
  entriesOf,
  notFoundEntry,
  staleVersionEntry,
} from '@catalyst/common';

export class ProgrammeSlugTakenError extends ConflictError {
  static readonly code = 'programme.slug_taken';
  static readonly meaning = 'Another programme already has this public slug.';
  constructor(slug: string) {
    super(ProgrammeSlugTakenError.code, `Another programme already uses the slug '${slug}'.`);
  }
}

export class ProgrammeOperatorRequiredError extends BusinessRuleError {
  static readonly code = 'programme.operator_required';
  static readonly meaning =
    'A programme is run by an operator organisation, not a sponsor or a startup.';
  constructor(kind: string) {
    super(
      ProgrammeOperatorRequiredError.code,
      `A programme is run by an operator organisation; this one is a ${kind}.`,
    );
  }
}

export const PROGRAMME_PROBLEMS: ProblemEntry[] = [
  ...entriesOf(ProgrammeSlugTakenError, ProgrammeOperatorRequiredError),
  notFoundEntry('Programme'),
  staleVersionEntry('Programme'),
];
