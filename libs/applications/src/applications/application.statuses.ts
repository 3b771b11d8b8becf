export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'ineligible',
  'shortlisted',
  'exploration',
  'selected',
  'waitlisted',
  'rejected',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
