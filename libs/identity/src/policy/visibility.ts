import { ForbiddenError, NotFoundError } from '@catalyst/common';

/**
 * The two answers every policy gives: a resource the caller may not see is 404 (its existence
 * is not revealed); one they may see but not change is 403.
 */
export function assertVisible(visible: boolean, entity: string, id: string): void {
  if (!visible) throw new NotFoundError(entity, id);
}

export function assertAllowed(allowed: boolean, message: string): void {
  if (!allowed) throw new ForbiddenError(message);
}
