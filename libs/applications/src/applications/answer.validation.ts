import type { FieldProblem } from '@catalyst/common';
import type { ChallengeQuestion } from '@catalyst/rounds';
import type { AnswerValue } from './application.entity';

/** A hard cap on any text answer, whatever the question says (questions may set less). */
export const MAX_ANSWER_LENGTH = 20_000;

const field = (key: string) => `answers.${key}`;

function isHttpUrl(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

function typeProblem(question: ChallengeQuestion, value: unknown): string | undefined {
  switch (question.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number';
    case 'text':
      if (typeof value !== 'string') return 'must be a string';
      return value.length > MAX_ANSWER_LENGTH
        ? `must be at most ${MAX_ANSWER_LENGTH} characters`
        : undefined;
    case 'url':
      if (typeof value !== 'string') return 'must be a string';
      if (value === '') return undefined;
      return isHttpUrl(value) ? undefined : 'must be an http(s) URL';
    case 'choice': {
      if (typeof value !== 'string') return 'must be a string';
      const options = question.options ?? [];
      if (value === '' || options.includes(value)) return undefined;
      return `must be one of: ${options.join(', ')}`;
    }
  }
}

/**
 * What a draft's answers must satisfy at every save: only the challenge's question keys, and
 * each value of its question's type (numbers are numbers, URLs are http(s), choices are among
 * the options). Empty strings are allowed: a draft may be incomplete.
 */
export function validateAnswerTypes(
  questions: readonly ChallengeQuestion[],
  answers: Readonly<Record<string, unknown>>,
): FieldProblem[] {
  const byKey = new Map(questions.map((q) => [q.key, q]));
  const problems: FieldProblem[] = [];
  for (const [key, value] of Object.entries(answers)) {
    const question = byKey.get(key);
    if (!question) {
      problems.push({ field: field(key), message: 'is not a question of this challenge' });
      continue;
    }
    const problem = typeProblem(question, value);
    if (problem) problems.push({ field: field(key), message: problem });
  }
  return problems;
}

function isBlank(value: AnswerValue | undefined): boolean {
  return value === undefined || (typeof value === 'string' && value.trim() === '');
}

/**
 * What a submission must satisfy: everything a draft must, plus every required question
 * answered and every answer within its question's maxLength. Problems come in question order.
 */
export function validateAnswersForSubmission(
  questions: readonly ChallengeQuestion[],
  answers: Readonly<Record<string, AnswerValue>>,
): FieldProblem[] {
  const problems = validateAnswerTypes(questions, answers);
  const flagged = new Set(problems.map((p) => p.field));
  for (const question of questions) {
    const value = answers[question.key];
    if (flagged.has(field(question.key))) continue;
    if (isBlank(value)) {
      if (question.required) problems.push({ field: field(question.key), message: 'is required' });
      continue;
    }
    if (
      typeof value === 'string' &&
      question.maxLength !== undefined &&
      value.length > question.maxLength
    ) {
      problems.push({
        field: field(question.key),
        message: `must be at most ${question.maxLength} characters (it has ${value.length})`,
      });
    }
  }
  return problems;
}

/**
 * RFC 7396-style merge of a PATCH into stored answers: given keys overwrite, `null` removes.
 */
export function mergeAnswers(
  current: Readonly<Record<string, AnswerValue>>,
  patch: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
