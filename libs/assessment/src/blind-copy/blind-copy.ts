import type { AnswerValue } from '@catalyst/applications';
import type { ReviewerAnswer } from '../assessments/reviewer-answers';

/** One answer of an amended blind copy, as the programme manager left it. */
export interface BlindCopyAnswer {
  key: string;
  value: AnswerValue | null;
  withheld: boolean;
}

/**
 * The answers a blind panel reads: the automatic redaction, with the programme manager's
 * amended blind copy (when there is one) taking its place question by question. Questions the
 * copy does not list keep the automatic redaction; keys no longer asked are dropped.
 */
export function blindCopyOrRedacted(
  redacted: readonly ReviewerAnswer[],
  copy: readonly BlindCopyAnswer[] | null,
): ReviewerAnswer[] {
  if (!copy) return [...redacted];
  const byKey = new Map(copy.map((a) => [a.key, a]));
  return redacted.map((answer) => {
    const amended = byKey.get(answer.key);
    if (!amended) return answer;
    return {
      ...answer,
      value: amended.withheld ? null : amended.value,
      withheld: amended.withheld,
    };
  });
}
