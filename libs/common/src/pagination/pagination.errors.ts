import { ValidationFailedError } from '../errors/domain-errors';

/** A `cursor` that no list of this API issued (tampered, from another list, or garbage). */
export class ForeignCursorError extends ValidationFailedError {
  constructor() {
    super('The cursor is not one this API issued.', [
      { field: 'cursor', message: 'must be a nextCursor value returned by this list' },
    ]);
  }
}
