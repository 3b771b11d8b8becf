import { DomainError, FieldProblem, ValidationFailedError } from '@catalyst/common';
import type { FormErrorView } from '../rendering/page-renderer';

import type { Translate } from '../rendering/page-renderer';

/**
 * The messages the domain writes for a field (in English, for API clients), by pattern, and the
 * catalogue key that says the same in the page's language. Anything else is shown as written.
 */
const MESSAGES: { pattern: RegExp; key: string }[] = [
  { pattern: /(is required|should not be empty|must not be blank)/, key: 'errors.field.required' },
  { pattern: /must be a number/, key: 'errors.field.number' },
  { pattern: /must be an http\(s\) URL/, key: 'errors.field.url' },
  { pattern: /must be one of/, key: 'errors.field.choice' },
  {
    pattern: /at most (\d+) characters|shorter than or equal to (\d+)/,
    key: 'errors.field.tooLong',
  },
  { pattern: /must be an email/, key: 'errors.field.email' },
];

/** One field problem in the page's language, naming the field by its label. */
export function fieldMessage(problem: FieldProblem, label: string, t: Translate): string {
  if (problem.code) {
    const key = `errors.code.${problem.code}`;
    if (t.exists(key)) return t(key, { label });
  }
  for (const { pattern, key } of MESSAGES) {
    const match = pattern.exec(problem.message);
    if (match) return t(key, { label, max: match[1] ?? match[2] });
  }
  return `${label}: ${problem.message}`;
}

export interface FormField {
  /** The problem's field (`answers.team_size`, `email`). */
  field: string;
  /** The input's id on the page (the error summary links to it). */
  id: string;
  label: string;
}

/**
 * The error summary and the inline messages for a form, from the same problem the API would
 * answer (a ValidationFailedError's field problems, or the problem's own detail).
 */
export function formErrors(error: unknown, fields: FormField[], t: Translate): FormErrorView {
  const view: FormErrorView = { summary: [], byField: {} };
  const problems = fieldProblems(error);
  for (const problem of problems) {
    const field =
      fields.find((f) => f.field === problem.field) ??
      fields.find((f) => problem.field.startsWith(`${f.field}.`));
    const label = field?.label ?? problem.field;
    const text = fieldMessage(problem, label, t);
    const id = field?.id ?? fields[0]?.id ?? 'main-content';
    view.summary.push({ text, href: `#${id}` });
    if (field && !view.byField[field.field]) view.byField[field.field] = { text };
  }
  if (!view.summary.length) {
    const code = error instanceof DomainError ? error.code : 'unknown';
    const key = `errors.code.${code}`;
    view.summary.push({
      text: t.exists(key)
        ? t(key)
        : error instanceof DomainError
          ? error.detail
          : t('errors.unexpected'),
      href: `#${fields[0]?.id ?? 'main-content'}`,
    });
  }
  return view;
}

/** The field problems a problem carries (`errors`), whatever kind of problem it is. */
function fieldProblems(error: unknown): FieldProblem[] {
  if (error instanceof ValidationFailedError) return error.errors;
  const listed = error instanceof DomainError ? error.extensions.errors : undefined;
  return Array.isArray(listed) ? (listed as FieldProblem[]) : [];
}

/** Errors a form shows to the person (their input or a rule); anything else is a failure. */
export function isFormProblem(error: unknown): error is DomainError {
  return (
    error instanceof DomainError &&
    error.status >= 400 &&
    error.status < 500 &&
    error.status !== 404 &&
    error.status !== 401 &&
    error.status !== 429
  );
}
