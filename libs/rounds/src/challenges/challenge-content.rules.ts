import { FieldProblem } from '@catalyst/common';
import type { ChallengeBudget, ChallengeQuestion, RubricCriterion } from './challenge.types';

/** Longest answer to a text question whose sponsor set no limit. */
export const DEFAULT_TEXT_MAX_LENGTH = 5000;

/**
 * Problems with a challenge's application questions: at least one; keys unique (ignoring
 * case, since they become answer keys); choice questions need distinct options and only they
 * take options; only text questions take a maxLength.
 */
export function questionProblems(questions: readonly ChallengeQuestion[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (questions.length === 0) {
    problems.push({ field: 'questions', message: 'must hold at least one question' });
  }
  problems.push(...duplicateKeys(questions, 'questions'));
  questions.forEach((q, i) => {
    const at = `questions[${i}]`;
    if (q.type === 'choice') {
      if (!q.options?.length) {
        problems.push({ field: `${at}.options`, message: 'a choice question needs options' });
      } else if (new Set(q.options.map((o) => o.trim())).size !== q.options.length) {
        problems.push({ field: `${at}.options`, message: 'options must be distinct' });
      }
    } else if (q.options !== undefined) {
      problems.push({ field: `${at}.options`, message: 'only choice questions take options' });
    }
    if (q.maxLength !== undefined && q.type !== 'text') {
      problems.push({ field: `${at}.maxLength`, message: 'only text questions take a maxLength' });
    }
    if (q.maxLength !== undefined && !(Number.isInteger(q.maxLength) && q.maxLength > 0)) {
      problems.push({ field: `${at}.maxLength`, message: 'must be a positive integer' });
    }
  });
  return problems;
}

/** Problems with a rubric: at least one criterion, keys unique, weights and max scores > 0. */
export function rubricProblems(rubric: readonly RubricCriterion[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (rubric.length === 0) {
    problems.push({ field: 'rubric', message: 'must hold at least one criterion' });
  }
  problems.push(...duplicateKeys(rubric, 'rubric'));
  rubric.forEach((c, i) => {
    if (!(Number.isFinite(c.weight) && c.weight > 0)) {
      problems.push({ field: `rubric[${i}].weight`, message: 'must be greater than 0' });
    }
    if (!(Number.isFinite(c.maxScore) && c.maxScore > 0)) {
      problems.push({ field: `rubric[${i}].maxScore`, message: 'must be greater than 0' });
    }
  });
  return problems;
}

/** A budget is stated in one currency, so stages can be compared and summed. */
export function budgetProblems(budget: ChallengeBudget): FieldProblem[] {
  const currency = budget.accelerator.currency;
  return (['exploration', 'followOn'] as const)
    .filter((stage) => budget[stage] && budget[stage].currency !== currency)
    .map((stage) => ({
      field: `budget.${stage}.currency`,
      message: `must be ${currency}, the currency of budget.accelerator`,
    }));
}

function duplicateKeys(items: readonly { key: string }[], list: string): FieldProblem[] {
  const seen = new Map<string, number>();
  const problems: FieldProblem[] = [];
  items.forEach((item, i) => {
    const key = item.key.toLowerCase();
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else problems.push({ field: `${list}[${i}].key`, message: `duplicates ${list}[${first}].key` });
  });
  return problems;
}

/** Stored form of questions: only known fields, text questions always bounded. */
export function normaliseQuestions(questions: readonly ChallengeQuestion[]): ChallengeQuestion[] {
  return questions.map((q) => ({
    key: q.key,
    label: q.label.trim(),
    type: q.type,
    required: q.required,
    ...(q.type === 'text' ? { maxLength: q.maxLength ?? DEFAULT_TEXT_MAX_LENGTH } : {}),
    ...(q.type === 'choice' ? { options: (q.options ?? []).map((o) => o.trim()) } : {}),
    ...(q.identifying ? { identifying: true } : {}),
  }));
}

export function normaliseRubric(rubric: readonly RubricCriterion[]): RubricCriterion[] {
  return rubric.map((c) => ({
    key: c.key,
    label: c.label.trim(),
    weight: c.weight,
    maxScore: c.maxScore,
    ...(c.description?.trim() ? { description: c.description.trim() } : {}),
  }));
}

export function normaliseBudget(budget: ChallengeBudget): ChallengeBudget {
  const money = (m: { amountMinor: number; currency: string }) => ({
    amountMinor: m.amountMinor,
    currency: m.currency,
  });
  return {
    ...(budget.exploration ? { exploration: money(budget.exploration) } : {}),
    accelerator: money(budget.accelerator),
    ...(budget.followOn ? { followOn: money(budget.followOn) } : {}),
  };
}

/** Tags are matched exactly by the filters, so they are stored trimmed and lower-case. */
export function normaliseTags(tags: readonly string[] | undefined): string[] {
  return [...new Set((tags ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean))];
}
