import type { Money } from '@catalyst/common';

export const QUESTION_TYPES = ['text', 'number', 'url', 'choice'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** An application question. Answers are validated against it. */
export interface ChallengeQuestion {
  key: string;
  label: string;
  type: QuestionType;
  required: boolean;
  maxLength?: number;
  options?: string[];
  /** The answer identifies the company (e.g. its website): hidden from blind reviewers. */
  identifying?: boolean;
}

/** One weighted criterion of the scoring rubric. */
export interface RubricCriterion {
  key: string;
  label: string;
  weight: number;
  maxScore: number;
  description?: string;
}

export interface ChallengeBudget {
  exploration?: Money;
  accelerator: Money;
  followOn?: Money;
}
