import type { AnswerValue } from '@catalyst/applications';
import type { ChallengeQuestion } from '@catalyst/rounds';

export const WITHHELD = '[withheld]';

export interface ReviewerAnswer {
  key: string;
  label: string;
  type: ChallengeQuestion['type'];
  value: AnswerValue | null;
  /** True when the answer is hidden because it identifies the company (blind review). */
  withheld: boolean;
}

export interface CompanyIdentity {
  name: string;
  website?: string | null;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/**
 * The answers as a reviewer sees them, in the order of the challenge's questions. In a blind
 * review an answer to a question marked `identifying` is withheld entirely, and in every other
 * free-text answer the company's name, its website and any e-mail address are replaced, so
 * nothing the applicant typed gives the company away by accident.
 */
export function reviewerAnswers(
  questions: readonly ChallengeQuestion[],
  answers: Readonly<Record<string, AnswerValue>>,
  blind: boolean,
  company: CompanyIdentity,
): ReviewerAnswer[] {
  const scrub = blind ? scrubber(company) : (text: string) => text;
  return questions.map((q) => {
    const raw = Object.prototype.hasOwnProperty.call(answers, q.key) ? answers[q.key] : null;
    if (blind && q.identifying) {
      return { key: q.key, label: q.label, type: q.type, value: null, withheld: true };
    }
    const value = typeof raw === 'string' ? scrub(raw) : (raw ?? null);
    return { key: q.key, label: q.label, type: q.type, value, withheld: false };
  });
}

function scrubber(company: CompanyIdentity): (text: string) => string {
  const needles = new Set<string>();
  const name = company.name.trim();
  // Very short names ("AI") would mangle ordinary words; they are left to the identifying flag.
  if (name.length >= 3) needles.add(name);
  const website = company.website?.trim();
  if (website) {
    needles.add(website);
    const host = hostOf(website);
    if (host) {
      needles.add(host);
      needles.add(host.replace(/^www\./, ''));
    }
  }
  const patterns = [...needles]
    .filter((n) => n.length >= 3)
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp);
  const identity = patterns.length ? new RegExp(patterns.join('|'), 'gi') : null;
  return (text) => {
    const noEmails = text.replace(EMAIL, WITHHELD);
    return identity ? noEmails.replace(identity, WITHHELD) : noEmails;
  };
}

function hostOf(website: string): string | null {
  try {
    return new URL(/^[a-z]+:\/\//i.test(website) ? website : `https://${website}`).hostname;
  } catch {
    return null;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
