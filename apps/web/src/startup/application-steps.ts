import type { ApplicationStatus } from '@catalyst/applications';
import type { ChallengeQuestion } from '@catalyst/rounds';

/** The catalogue key saying what the company does next with an application in this status. */
export function nextStepKey(status: ApplicationStatus): string {
  return `application.nextStep.${status}`;
}

/** An input's id for a question (the error summary links to it). */
export function answerId(key: string): string {
  return `answer-${key}`;
}

/**
 * What the form posted for each question, in the types the application takes: numbers as
 * numbers, an emptied answer as null (the domain's merge patch removes it). Whether the value
 * is right (a number, a URL, one of the choices) is the domain's to say.
 */
export function answersFromForm(
  questions: readonly ChallengeQuestion[],
  form: Record<string, string>,
): Record<string, string | number | null> {
  const answers: Record<string, string | number | null> = {};
  for (const q of questions) {
    const raw = form[answerId(q.key)];
    if (raw === undefined) continue;
    const value = raw.trim();
    if (value === '') answers[q.key] = null;
    else if (q.type === 'number')
      answers[q.key] = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : raw;
    else answers[q.key] = q.type === 'text' ? raw.replace(/\r\n/g, '\n') : value;
  }
  return answers;
}
