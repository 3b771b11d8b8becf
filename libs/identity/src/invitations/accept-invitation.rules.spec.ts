import { acceptanceProblems } from './accept-invitation.rules';

describe('acceptanceProblems', () => {
  it('reports a missing name and a short password together for a new account', () => {
    expect(acceptanceProblems({ password: 'short' }, true).map((p) => p.field)).toEqual([
      'name',
      'password',
    ]);
  });

  it('ignores the name when the invited address already has an account', () => {
    expect(acceptanceProblems({ password: 'a long enough passphrase' }, false)).toEqual([]);
  });

  it('refuses a name longer than 200 characters for a new account', () => {
    expect(
      acceptanceProblems({ name: 'x'.repeat(201), password: 'a long enough passphrase' }, true),
    ).toEqual([{ field: 'name', message: 'must be at most 200 characters' }]);
  });
});
