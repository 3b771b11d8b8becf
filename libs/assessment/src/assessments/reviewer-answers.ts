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

/** Everything known about who the company is, for redacting it from what a blind panel reads. */
export interface CompanyIdentity {
  name: string;
  website?: string | null;
  /** The company's members (founders, staff): their names and e-mail domains are redacted. */
  members?: readonly { name: string; email: string }[];
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/**
 * An e-mail address spelled out to get past filters: "jane at acme dot com",
 * "jane [at] acme [dot] co [dot] uk", "jane(at)acme.com". A bare " at " needs a spelled "dot"
 * before the top-level domain ("read more at acme.com" is prose, and its domain is redacted on
 * its own); top-level domains come from a short list, so ordinary prose survives.
 */
const SPELLED_AT = String.raw`(?:\(\s*at\s*\)|\[\s*at\s*\]|\{\s*at\s*\}|@)`;
const SPELLED_DOT = String.raw`(?:\(\s*dot\s*\)|\[\s*dot\s*\]|\{\s*dot\s*\}|\s+dot\s+)`;
const ANY_DOT = String.raw`(?:${SPELLED_DOT}|\s*\.\s*)`;
const TLD = String.raw`(?:com|org|net|io|co|uk|ai|dev|app|gov|edu|eu|info|biz|tech|me|us|scot|wales|example|test)\b`;
const LOCAL = String.raw`[A-Za-z0-9._%+-]+`;
const LABELS = String.raw`[A-Za-z0-9-]+(?:${ANY_DOT}[A-Za-z0-9-]+)*`;
const SPELLED_EMAIL = new RegExp(
  String.raw`${LOCAL}\s*${SPELLED_AT}\s*${LABELS}${ANY_DOT}${TLD}` +
    String.raw`|${LOCAL}\s+at\s+${LABELS}${SPELLED_DOT}${TLD}`,
  'gi',
);
const LEGAL_SUFFIX = /\s+(?:ltd|limited|llc|llp|inc|plc|cic|gmbh|co|company)\.?$/i;
/** Second-level labels under which the registrable name sits one label further left. */
const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'ac', 'gov', 'ltd', 'plc', 'me']);

/**
 * The answers as a reviewer sees them, in the order of the challenge's questions. In a blind
 * review an answer to a question marked `identifying` is withheld entirely, and every other
 * free-text answer goes through `redactor` (see there), so nothing the applicant typed gives
 * the company away by accident.
 */
export function reviewerAnswers(
  questions: readonly ChallengeQuestion[],
  answers: Readonly<Record<string, AnswerValue>>,
  blind: boolean,
  company: CompanyIdentity,
): ReviewerAnswer[] {
  const scrub = blind ? redactor(company, urlAnswers(questions, answers)) : (text: string) => text;
  return questions.map((q) => {
    const raw = Object.prototype.hasOwnProperty.call(answers, q.key) ? answers[q.key] : null;
    if (blind && q.identifying) {
      return { key: q.key, label: q.label, type: q.type, value: null, withheld: true };
    }
    const value = typeof raw === 'string' ? scrub(raw) : (raw ?? null);
    return { key: q.key, label: q.label, type: q.type, value, withheld: false };
  });
}

/** The answers to URL questions (their domains identify the company wherever else they appear). */
export function urlAnswers(
  questions: readonly ChallengeQuestion[],
  answers: Readonly<Record<string, AnswerValue>>,
): string[] {
  return questions
    .filter((q) => q.type === 'url')
    .map((q) => answers[q.key])
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '');
}

/**
 * Replaces by "[withheld]", case-insensitively: e-mail addresses (also spelled out, "jane at
 * acme dot com"); the company's name in any spacing or punctuation ("Acme Robotics",
 * "ACME-robotics", "AcmeRobotics", "acme_robotics"), with or without a legal suffix; its
 * website, and the domains (and their registrable names) of the website, of URL answers and of
 * its members' e-mail addresses; its members' full names and each of their names. Very short
 * names (under three letters) are left alone: they would mangle ordinary words, and the
 * programme manager's review of the blind copy is there for what a rule cannot catch.
 */
export function redactor(
  company: CompanyIdentity,
  urls: readonly string[] = [],
): (text: string) => string {
  const exact = new Set<string>();
  const words = new Set<string>();
  const names = new Set<string>();

  const name = company.name.trim();
  names.add(name);
  const bare = name.replace(LEGAL_SUFFIX, '').trim();
  if (bare) names.add(bare);

  for (const url of [company.website ?? '', ...urls]) {
    const trimmed = url.trim();
    if (!trimmed) continue;
    exact.add(trimmed.replace(/\/+$/, ''));
    const host = hostOf(trimmed);
    if (host) addDomain(host, exact, names);
  }
  for (const member of company.members ?? []) {
    const full = member.name.trim();
    if (full) names.add(full);
    for (const part of full.split(/\s+/)) if (part.length >= 3) words.add(part);
    const domain = member.email.split('@')[1];
    if (domain) addDomain(domain.toLowerCase(), exact, names);
  }

  // Alternatives are tried in order at each position: whole URLs and domains first, then names,
  // each longest first, so "acme.example" goes as a whole rather than leaving ".example".
  const longestFirst = (set: Set<string>) => [...set].sort((a, b) => b.length - a.length);
  const patterns = [
    ...longestFirst(exact)
      .filter((n) => n.length >= 3)
      .map(escapeRegExp),
    ...longestFirst(names)
      .map(flexibleName)
      .filter((p): p is string => p !== null),
    ...longestFirst(words).map(
      (w) => String.raw`(?<![\p{L}\p{N}])${escapeRegExp(w)}(?![\p{L}\p{N}])`,
    ),
  ];
  const identity = patterns.length ? new RegExp(patterns.join('|'), 'giu') : null;
  return (text) => {
    const noEmails = text.replace(EMAIL, WITHHELD).replace(SPELLED_EMAIL, WITHHELD);
    return identity ? noEmails.replace(identity, WITHHELD) : noEmails;
  };
}

/** The domain without `www.`, and its registrable name ("acme" of "mail.acme.co.uk"). */
function addDomain(host: string, exact: Set<string>, names: Set<string>): void {
  const domain = host.replace(/^www\./, '');
  exact.add(domain);
  const labels = domain.split('.').filter(Boolean);
  labels.pop();
  if (labels.length > 1 && SECOND_LEVEL.has(labels[labels.length - 1])) labels.pop();
  const registrable = labels[labels.length - 1];
  if (registrable && registrable.length >= 4) names.add(registrable);
}

/**
 * A name matched whatever separates its letters: the letters and digits in order, with any
 * run of spaces, hyphens, dots, underscores or other punctuation allowed between them, not
 * inside a longer word. Null when the name has under three letters or digits.
 */
function flexibleName(name: string): string | null {
  const chars = [...name.normalize('NFKC')].filter((c) => /[\p{L}\p{N}]/u.test(c));
  if (chars.length < 3) return null;
  const body = chars.map(escapeRegExp).join(String.raw`[\s\p{P}\p{S}]*`);
  return String.raw`(?<![\p{L}\p{N}])${body}(?![\p{L}\p{N}])`;
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
