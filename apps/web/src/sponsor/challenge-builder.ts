import type { Challenge } from '@catalyst/rounds';
import type { FormField } from '../errors/form-errors';
import type { FormErrorView, Translate } from '../rendering/page-renderer';

/** The rows a new challenge's form starts with. */
const FIRST_ROWS = { questions: 2, rubric: 2 };
/** At most as many rows as the API takes. */
const MAX_ROWS = { questions: 50, rubric: 20 };

export const CURRENCIES = ['GBP', 'EUR', 'USD', 'NOK', 'SEK'] as const;

export interface QuestionRow {
  key: string;
  label: string;
  type: string;
  required: boolean;
  maxLength: string;
  options: string;
  identifying: boolean;
}

export interface CriterionRow {
  key: string;
  label: string;
  weight: string;
  maxScore: string;
  description: string;
}

/** The challenge form as the page shows it: plain strings, one row per question or criterion. */
export interface ChallengeForm {
  title: string;
  summary: string;
  problemStatement: string;
  tags: string;
  currency: string;
  exploration: string;
  accelerator: string;
  followOn: string;
  questions: QuestionRow[];
  rubric: CriterionRow[];
}

const emptyQuestion = (): QuestionRow => ({
  key: '',
  label: '',
  type: 'text',
  required: true,
  maxLength: '',
  options: '',
  identifying: false,
});
const emptyCriterion = (): CriterionRow => ({
  key: '',
  label: '',
  weight: '1',
  maxScore: '10',
  description: '',
});

export function blankForm(): ChallengeForm {
  return {
    title: '',
    summary: '',
    problemStatement: '',
    tags: '',
    currency: 'GBP',
    exploration: '',
    accelerator: '',
    followOn: '',
    questions: Array.from({ length: FIRST_ROWS.questions }, emptyQuestion),
    rubric: Array.from({ length: FIRST_ROWS.rubric }, emptyCriterion),
  };
}

/** Minor units as the decimal a person types (two decimals: every programme currency has two). */
const major = (amountMinor?: number) =>
  amountMinor === undefined ? '' : (amountMinor / 100).toFixed(amountMinor % 100 ? 2 : 0);

export function formOf(challenge: Challenge): ChallengeForm {
  const budget = challenge.budget;
  return {
    title: challenge.title,
    summary: challenge.summary,
    problemStatement: challenge.problemStatement,
    tags: (challenge.tags ?? []).join(', '),
    currency: budget.accelerator.currency,
    exploration: major(budget.exploration?.amountMinor),
    accelerator: major(budget.accelerator.amountMinor),
    followOn: major(budget.followOn?.amountMinor),
    questions: challenge.questions.map((q) => ({
      key: q.key,
      label: q.label,
      type: q.type,
      required: q.required,
      maxLength: q.maxLength === undefined ? '' : String(q.maxLength),
      options: (q.options ?? []).join('\n'),
      identifying: !!q.identifying,
    })),
    rubric: challenge.rubric.map((c) => ({
      key: c.key,
      label: c.label,
      weight: String(c.weight),
      maxScore: String(c.maxScore),
      description: c.description ?? '',
    })),
  };
}

/** The posted fields (`q0label`, `r1weight`, …) as the form's rows. */
export function readForm(posted: Record<string, string>): ChallengeForm {
  const count = (name: string, max: number) =>
    Math.min(Math.max(Number.parseInt(posted[name] ?? '0', 10) || 0, 0), max);
  const text = (name: string) => posted[name] ?? '';
  return {
    title: text('title'),
    summary: text('summary'),
    problemStatement: text('problemStatement'),
    tags: text('tags'),
    currency: text('currency') || 'GBP',
    exploration: text('exploration'),
    accelerator: text('accelerator'),
    followOn: text('followOn'),
    questions: Array.from({ length: count('questionRows', MAX_ROWS.questions) }, (_, i) => ({
      key: text(`q${i}key`),
      label: text(`q${i}label`),
      type: text(`q${i}type`) || 'text',
      required: posted[`q${i}required`] === 'yes',
      maxLength: text(`q${i}maxLength`),
      options: text(`q${i}options`),
      identifying: posted[`q${i}identifying`] === 'yes',
    })),
    rubric: Array.from({ length: count('criterionRows', MAX_ROWS.rubric) }, (_, i) => ({
      key: text(`r${i}key`),
      label: text(`r${i}label`),
      weight: text(`r${i}weight`),
      maxScore: text(`r${i}maxScore`),
      description: text(`r${i}description`),
    })),
  };
}

/**
 * What the builder's buttons do besides saving: add a row (a row cleared is left out, so no
 * button removes one). Answers the form changed, or null when the button saves.
 */
export function rearranged(form: ChallengeForm, action: string | undefined): ChallengeForm | null {
  if (action === 'addQuestion' && form.questions.length < MAX_ROWS.questions)
    return { ...form, questions: [...form.questions, emptyQuestion()] };
  if (action === 'addCriterion' && form.rubric.length < MAX_ROWS.rubric)
    return { ...form, rubric: [...form.rubric, emptyCriterion()] };
  if (action === 'addQuestion' || action === 'addCriterion') return form;
  return null;
}

const blankQuestion = (q: QuestionRow) => !q.key.trim() && !q.label.trim() && !q.options.trim();
const blankCriterion = (c: CriterionRow) => !c.key.trim() && !c.label.trim();

/** A whole number as a number; anything else as typed, so the API's validation names it. */
const integer = (typed: string) => (/^\s*\d+\s*$/.test(typed) ? Number(typed) : typed.trim());
const decimalNumber = (typed: string) =>
  /^\s*\d+(\.\d+)?\s*$/.test(typed) ? Number(typed) : typed.trim();

/** A typed amount (`65000`, `65,000.50`) in minor units; as typed when it is not an amount. */
function minorUnits(typed: string): number | string {
  const plain = typed.replace(/[,\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(plain)) return typed.trim();
  const [whole, fraction = ''] = plain.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/**
 * The body `POST /rounds/{id}/challenges` takes, from the form: rows left wholly blank are
 * not questions (the add-a-row button leaves one), optional amounts left empty are absent.
 * Rows keep their position among those sent, so the API's `questions[1]` is the form's row.
 */
export function challengeBody(form: ChallengeForm) {
  const money = (typed: string) => ({ amountMinor: minorUnits(typed), currency: form.currency });
  const questions = rowsSent(form).questions.map((q) => ({
    key: q.key.trim(),
    label: q.label,
    type: q.type,
    required: q.required,
    ...(q.maxLength.trim() ? { maxLength: integer(q.maxLength) } : {}),
    ...(q.type === 'choice' || q.options.trim()
      ? {
          options: q.options
            .split(/\r?\n/)
            .map((o) => o.trim())
            .filter(Boolean),
        }
      : {}),
    ...(q.identifying ? { identifying: true } : {}),
  }));
  const rubric = rowsSent(form).rubric.map((c) => ({
    key: c.key.trim(),
    label: c.label,
    weight: decimalNumber(c.weight),
    maxScore: decimalNumber(c.maxScore),
    ...(c.description.trim() ? { description: c.description } : {}),
  }));
  const tags = form.tags
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  return {
    title: form.title,
    summary: form.summary,
    problemStatement: form.problemStatement,
    ...(tags.length ? { tags } : {}),
    budget: {
      accelerator: money(form.accelerator),
      ...(form.exploration.trim() ? { exploration: money(form.exploration) } : {}),
      ...(form.followOn.trim() ? { followOn: money(form.followOn) } : {}),
    },
    questions,
    rubric,
  };
}

/** The rows sent to the API, with each one's row number on the form. */
function rowsSent(form: ChallengeForm) {
  return {
    questions: form.questions.filter((q) => !blankQuestion(q)),
    rubric: form.rubric.filter((c) => !blankCriterion(c)),
  };
}

/**
 * Each field the API may name, linked to its input: `questions[1].label` is the label of the
 * second question sent, which is the form's row after the blank rows before it.
 */
export function challengeFields(form: ChallengeForm, t: Translate): FormField[] {
  const fields: FormField[] = [
    { field: 'title', id: 'title', label: t('sponsorConsole.form.title') },
    { field: 'summary', id: 'summary', label: t('sponsorConsole.form.summary') },
    {
      field: 'problemStatement',
      id: 'problemStatement',
      label: t('sponsorConsole.form.problemStatement'),
    },
    { field: 'tags', id: 'tags', label: t('sponsorConsole.form.tags') },
    {
      field: 'budget.accelerator',
      id: 'accelerator',
      label: t('sponsorConsole.form.accelerator'),
    },
    {
      field: 'budget.exploration',
      id: 'exploration',
      label: t('sponsorConsole.form.exploration'),
    },
    { field: 'budget.followOn', id: 'followOn', label: t('sponsorConsole.form.followOn') },
    { field: 'questions', id: 'q0label', label: t('sponsorConsole.form.questions') },
    { field: 'rubric', id: 'r0label', label: t('sponsorConsole.form.rubric') },
  ];
  let sent = 0;
  form.questions.forEach((q, row) => {
    if (blankQuestion(q)) return;
    const n = { number: row + 1 };
    for (const part of ['key', 'label', 'type', 'maxLength', 'options'] as const) {
      fields.push({
        field: `questions[${sent}].${part}`,
        id: `q${row}${part}`,
        label: t(`sponsorConsole.question.${part}Of`, n),
      });
    }
    sent += 1;
  });
  sent = 0;
  form.rubric.forEach((c, row) => {
    if (blankCriterion(c)) return;
    const n = { number: row + 1 };
    for (const part of ['key', 'label', 'weight', 'maxScore', 'description'] as const) {
      fields.push({
        field: `rubric[${sent}].${part}`,
        id: `r${row}${part}`,
        label: t(`sponsorConsole.criterion.${part}Of`, n),
      });
    }
    sent += 1;
  });
  return fields;
}

/** The form's errors by input id (a row's fields are named by their position among rows sent). */
export function errorsByInput(
  errors: FormErrorView,
  fields: FormField[],
): Record<string, { text: string }> {
  const out: Record<string, { text: string }> = {};
  for (const f of fields) if (errors.byField[f.field]) out[f.id] = errors.byField[f.field];
  return out;
}
