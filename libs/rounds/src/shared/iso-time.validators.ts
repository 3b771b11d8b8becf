import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';

/** `2027-03-01T12:00:00Z` or `…+01:00`: an instant. A time without an offset is ambiguous. */
const TIMESTAMP_WITH_OFFSET =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export function IsTimestampWithOffset(): PropertyDecorator {
  return applyDecorators(
    Matches(TIMESTAMP_WITH_OFFSET, {
      message: '$property must be an ISO 8601 timestamp with an offset, e.g. 2027-03-01T12:00:00Z',
    }),
    IsISO8601({ strict: true }, { message: '$property must be a real date and time' }),
  );
}

/** `YYYY-MM-DD`, a real calendar date. */
export function IsCalendarDate(): PropertyDecorator {
  return applyDecorators(
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date, YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a real calendar date' }),
  );
}
