import { acceptanceProblems } from './accept-invitation.rules';

describe('acceptanceProblems', () => {
  it('reports an over-long name and a short password together', () => {
    expect(
      acceptanceProblems({ name: 'x'.repeat(201), password: 'short' }).map((p) => p.field),
    ).toEqual(['name', 'password']);
  });

  it('finds nothing wrong with a long enough password and no name', () => {
    expect(acceptanceProblems({ password: 'a long enough passphrase' })).toEqual([]);
  });

  it('refuses a name longer than 200 characters', () => {
    expect(
      acceptanceProblems({ name: 'x'.repeat(201), password: 'a long enough passphrase' }),
    ).toEqual([{ field: 'name', message: 'must be at most 200 characters' }]);
  });
});
