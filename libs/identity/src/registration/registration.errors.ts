import {
  ConflictError,
  ProblemEntry,
  entriesOf,
  notFoundEntry,
  staleVersionEntry,
} from '@catalyst/common';

export class EmailTakenError extends ConflictError {
  static readonly code = 'identity.email_taken';
  static readonly meaning = 'An account with this e-mail address exists; sign in instead.';
  constructor() {
    super(
      EmailTakenError.code,
      'An account with this e-mail address already exists; sign in instead.',
    );
  }
}

/** Registration, users and organisations. */
export const IDENTITY_PROBLEMS: ProblemEntry[] = [
  ...entriesOf(EmailTakenError),
  notFoundEntry('User'),
  notFoundEntry('Organisation'),
  staleVersionEntry('User'),
  staleVersionEntry('Organisation'),
];
