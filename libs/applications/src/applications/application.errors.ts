import { QueryFailedError } from 'typeorm';
import { ConflictError, FieldProblem, ValidationFailedError } from '@catalyst/common';

export const ONE_LIVE_APPLICATION_INDEX = 'applications_one_live_per_company';

export class DuplicateApplicationError extends ConflictError {
  constructor(existingApplicationId?: string) {
    super(
      'application.duplicate',
      'This company already has a live application to this challenge. Edit that one, or ' +
        'withdraw it before applying again.',
    );
    if (existingApplicationId) this.extensions.existingApplicationId = existingApplicationId;
  }
}

/** True when the database refused a second live application for one company and challenge. */
export function isDuplicateLiveApplication(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string } | undefined;
  return driverError?.code === '23505' && driverError.constraint === ONE_LIVE_APPLICATION_INDEX;
}

export function invalidAnswers(problems: FieldProblem[]): ValidationFailedError {
  return new ValidationFailedError(
    `${problems.length} answer${problems.length === 1 ? ' is' : 's are'} not valid for this challenge's questions.`,
    problems,
  );
}
