import { ProgressUpdateLockedError, ProgressUpdateNotAuthorError } from '../accelerator.errors';
import type { ProgressUpdate } from './progress-update.entity';

/** How long after it is logged an update may be corrected by its author. */
export const EDIT_WINDOW_MS = 24 * 60 * 60 * 1000;

export function editableUntil(update: Pick<ProgressUpdate, 'createdAt'>): Date {
  return new Date(update.createdAt.getTime() + EDIT_WINDOW_MS);
}

/**
 * Only the author changes an update (its content, its documents), and only within 24 hours:
 * 403 `progress_update.not_author`, then 409 `progress_update.locked`.
 */
export function assertEditableBy(
  update: Pick<ProgressUpdate, 'authorUserId' | 'createdAt'>,
  userId: string,
  now: Date,
): void {
  if (update.authorUserId !== userId) throw new ProgressUpdateNotAuthorError();
  const until = editableUntil(update);
  if (now >= until) throw new ProgressUpdateLockedError(until);
}
