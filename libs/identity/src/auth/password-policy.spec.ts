import { ValidationFailedError } from '@catalyst/common';
import { assertPasswordAcceptable, passwordProblem } from './password-policy';

const owner = { email: 'ada.lovelace@example.org', name: 'Ada Lovelace' };
const codeOf = (password: string) => passwordProblem(password, owner)?.code ?? null;

describe('the password rule', () => {
  it('accepts long passphrases', () => {
    for (const ok of [
      'correct horse battery staple',
      'a long enough passphrase',
      'Tr0ub4dor&3-plus-more',
      'lovely-violet-otter-92',
    ]) {
      expect(codeOf(ok)).toBeNull();
    }
  });

  it('refuses fewer than 12 characters', () => {
    expect(codeOf('elevenchars')).toBe('password.too_short');
  });

  it('refuses repeated characters and short repeated patterns, spaces included', () => {
    expect(codeOf(' '.repeat(12))).toBe('password.repetitive');
    expect(codeOf('aaaaaaaaaaaa')).toBe('password.repetitive');
    expect(codeOf('abcabcabcabc')).toBe('password.repetitive');
    expect(codeOf('passwordpassword')).toBe('password.repetitive');
  });

  it('refuses common and breached passwords', () => {
    for (const common of ['password1234', 'qwertyuiop123', 'iloveyou12345', '123456789012']) {
      expect([codeOf(common)]).toEqual([expect.stringMatching(/^password\.(common|guessable)$/)]);
    }
    expect(codeOf('password1234')).toBe('password.common');
  });

  it('refuses the user’s own e-mail address or name', () => {
    expect(codeOf('ada.lovelace@example.org')).toBe('password.personal');
    expect(codeOf('ADA.LOVELACE@EXAMPLE.ORG!!')).toBe('password.personal');
    expect(codeOf('adalovelace2027')).toBe('password.personal');
    expect(codeOf('Ada Lovelace 1815')).toBe('password.personal');
    // The same passwords are fine for someone else.
    expect(passwordProblem('Ada Lovelace 1815 forever', { email: 'x@y.example' })).toBeNull();
  });

  it('throws a 400 with a field error carrying the code', () => {
    let error: unknown;
    try {
      assertPasswordAcceptable('passwordpassword', owner, 'newPassword');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect(error).toMatchObject({
      status: 400,
      code: 'password.rejected',
      errors: [{ field: 'newPassword', code: 'password.repetitive' }],
    });
  });
});
