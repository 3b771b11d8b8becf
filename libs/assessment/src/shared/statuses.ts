import type { ApplicationStatus } from '@catalyst/applications';

/**
 * Applications that take part in assessment: submitted, and every later stage except
 * withdrawn and ineligible (screened out). Assignment, progress and ranking all use this list.
 */
export const ASSESSABLE_APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  'submitted',
  'shortlisted',
  'exploration',
  'selected',
  'waitlisted',
  'rejected',
];
