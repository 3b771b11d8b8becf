import type { FieldProblem } from '@catalyst/common';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/dto/credentials.dto';

export const NAME_MAX_LENGTH = 200;

/**
 * Every problem with an acceptance's fields that does not depend on the invited address, at
 * once (a short password and an over-long name are reported together). Whether a name is
 * needed does depend on it (a new account needs one, an existing account ignores it), so a
 * missing name is answered by the service in the same words as a wrong password for an
 * existing account: the answer never tells the token's holder whether the address has an
 * account.
 */
export function acceptanceProblems(input: { name?: string; password: string }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.name && input.name.length > NAME_MAX_LENGTH) {
    problems.push({ field: 'name', message: `must be at most ${NAME_MAX_LENGTH} characters` });
  }
  if (input.password.length < PASSWORD_MIN_LENGTH) {
    problems.push({
      field: 'password',
      message: `must be at least ${PASSWORD_MIN_LENGTH} characters`,
    });
  } else if (input.password.length > PASSWORD_MAX_LENGTH) {
    problems.push({
      field: 'password',
      message: `must be at most ${PASSWORD_MAX_LENGTH} characters`,
    });
  }
  return problems;
}
