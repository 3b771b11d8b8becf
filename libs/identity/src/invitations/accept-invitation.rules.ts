import type { FieldProblem } from '@catalyst/common';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/dto/credentials.dto';

export const NAME_MAX_LENGTH = 200;

/**
 * Every problem with an acceptance's fields, at once. Whether `name` is needed depends on
 * whether the invited address has an account, which only the service knows, so the length
 * rules live here beside it rather than in the DTO: otherwise a request with a short password
 * and no name would be told about the password first and the name only on the next attempt.
 */
export function acceptanceProblems(
  input: { name?: string; password: string },
  newAccount: boolean,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (newAccount) {
    if (!input.name) {
      problems.push({ field: 'name', message: 'is required to create the invited account' });
    } else if (input.name.length > NAME_MAX_LENGTH) {
      problems.push({
        field: 'name',
        message: `must be at most ${NAME_MAX_LENGTH} characters`,
      });
    }
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
