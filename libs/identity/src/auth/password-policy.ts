import { ZxcvbnFactory, type MatchExtended } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { ValidationFailedError } from '@catalyst/common';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './dto/credentials.dto';

/**
 * The one password rule, applied wherever a password is set (registration, invitation
 * acceptance, bootstrap, password change and reset), after NIST SP 800-63B §3.1.1.2: at least
 * 12 characters, no composition rules, and refused when it is a commonly used or breached
 * password, repetitive, or built from the user's own e-mail address or name.
 *
 * The lists and pattern matching come from zxcvbn-ts (its common dictionary: the most frequent
 * passwords of public breach corpora, plus keyboard walks, sequences, repeats and dates),
 * shipped inside the package: nothing is fetched at run time and no password leaves the
 * process. A password is refused when zxcvbn scores it below 3 (fewer than 10^8 guesses).
 */
export type PasswordProblemCode =
  | 'password.too_short'
  | 'password.too_long'
  | 'password.personal'
  | 'password.repetitive'
  | 'password.common'
  | 'password.guessable';

export interface PasswordProblem {
  code: PasswordProblemCode;
  message: string;
}

/** Whose password it is: their e-mail address and name may not make it up. */
export interface PasswordOwner {
  email?: string | null;
  name?: string | null;
}

const MIN_SCORE = 3;
const SERVICE_WORDS = ['catalyst'];

const zxcvbn = new ZxcvbnFactory({
  dictionary,
  graphs: adjacencyGraphs,
  maxLength: PASSWORD_MAX_LENGTH,
});

const MESSAGES: Record<PasswordProblemCode, string> = {
  'password.too_short': `must have at least ${PASSWORD_MIN_LENGTH} characters`,
  'password.too_long': `must have at most ${PASSWORD_MAX_LENGTH} characters`,
  'password.personal': 'must not contain your e-mail address or name',
  'password.repetitive': 'must not be one character or a short pattern repeated',
  'password.common': 'is a commonly used or breached password; choose another',
  'password.guessable': 'is too easy to guess; a few unrelated words make a strong passphrase',
};

/** Lower-case letters and digits only, so `Ada.Lovelace` and `ada lovelace` compare equal. */
const squash = (value: string) => value.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

function ownerWords(owner: PasswordOwner): string[] {
  const email = owner.email?.trim().toLowerCase() ?? '';
  const local = email.split('@')[0] ?? '';
  const name = owner.name?.trim() ?? '';
  return [email, local, name, ...name.split(/\s+/), ...local.split(/[._+-]+/)].filter(
    (word) => word.length >= 3,
  );
}

function containsOwner(password: string, owner: PasswordOwner): boolean {
  const squashed = squash(password);
  const email = owner.email?.trim().toLowerCase() ?? '';
  // A short local part (`admin`, `info`) is an ordinary word: zxcvbn weighs those instead.
  const local = squash(email.split('@')[0] ?? '');
  const whole = [squash(email), squash(owner.name ?? ''), local.length >= 6 ? local : ''].filter(
    (word) => word.length >= 4,
  );
  return whole.some((word) => squashed.includes(word));
}

/** One short unit repeated: `aaaaaaaaaaaa`, `abcabcabcabc`, `passwordpassword`. */
const isRepetition = (password: string) => /^(.{1,32}?)\1+$/su.test(password);

function covers(match: MatchExtended, length: number): boolean {
  return match.j - match.i + 1 >= length / 2;
}

/** The first reason the password is refused, or null when it is acceptable. */
export function passwordProblem(
  password: string,
  owner: PasswordOwner = {},
): PasswordProblem | null {
  const problem = (code: PasswordProblemCode) => ({ code, message: MESSAGES[code] });
  if ([...password].length < PASSWORD_MIN_LENGTH) return problem('password.too_short');
  if (password.length > PASSWORD_MAX_LENGTH) return problem('password.too_long');
  if (containsOwner(password, owner)) return problem('password.personal');
  if (isRepetition(password)) return problem('password.repetitive');

  const result = zxcvbn.check(password, [...ownerWords(owner), ...SERVICE_WORDS]);
  if (result.score >= MIN_SCORE) return null;
  const sequence = result.sequence;
  if (sequence.some((m) => m.pattern === 'dictionary' && m.dictionaryName === 'userInputs')) {
    return problem('password.personal');
  }
  if (sequence.some((m) => m.pattern === 'repeat' && covers(m, password.length))) {
    return problem('password.repetitive');
  }
  if (sequence.some((m) => m.pattern === 'dictionary' && m.dictionaryName === 'passwords-common')) {
    return problem('password.common');
  }
  return problem('password.guessable');
}

/** 400 `password.rejected` with a field error carrying the specific code. */
export function assertPasswordAcceptable(
  password: string,
  owner: PasswordOwner,
  field = 'password',
): void {
  const problem = passwordProblem(password, owner);
  if (!problem) return;
  throw new ValidationFailedError(
    `The ${field} is not accepted: it ${problem.message}.`,
    [{ field, message: problem.message, code: problem.code }],
    'password.rejected',
  );
}
