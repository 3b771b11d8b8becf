import {
  BusinessRuleError,
  ConflictError,
  ProblemEntry,
  ValidationFailedError,
  entriesOf,
  notFoundEntry,
} from '@catalyst/common';

/** A 400 about a password field, named by its own code. */
function passwordInput(code: string, meaning: string): ProblemEntry {
  return {
    code,
    status: ValidationFailedError.status,
    title: ValidationFailedError.title,
    meaning,
  };
}

export class PasswordResetUsedError extends ConflictError {
  static readonly code = 'password_reset.already_used';
  static readonly meaning = 'The reset link was already used; each link works once.';
  constructor() {
    super(PasswordResetUsedError.code, 'This reset link was already used.');
  }
}

export class PasswordResetExpiredError extends BusinessRuleError {
  static readonly code = 'password_reset.expired';
  static readonly meaning = 'The reset link has expired; ask for a new one.';
  constructor() {
    super(PasswordResetExpiredError.code, 'This reset link has expired; ask for a new one.');
  }
}

/** Password change and reset. */
export const PASSWORD_PROBLEMS: ProblemEntry[] = [
  ...entriesOf(PasswordResetUsedError, PasswordResetExpiredError),
  passwordInput(
    'password.rejected',
    'The password breaks the password rule (NIST SP 800-63B): too short or too long, common or ' +
      'breached, repetitive, or containing your own e-mail or name; the field error carries the ' +
      'specific password.* code.',
  ),
  passwordInput('password.current_incorrect', 'The current password given is not yours.'),
  passwordInput(
    'password.unchanged',
    'Field code under password.rejected: the new password equals the current one.',
  ),
  notFoundEntry('Password reset', 'No such reset link, or it is not valid.'),
];
