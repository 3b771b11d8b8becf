export const ASSESSMENT_STATUSES = ['assigned', 'submitted', 'conflicted'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];
