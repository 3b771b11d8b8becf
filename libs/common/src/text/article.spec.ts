import { articleFor, withArticle } from './article';

describe('withArticle', () => {
  it.each([
    ['application', 'an application'],
    ['assessment', 'an assessment'],
    ['invitation', 'an invitation'],
    ['open', 'an open'],
    ['round', 'a round'],
    ['challenge', 'a challenge'],
    ['user', 'a user'],
    ['hour', 'an hour'],
  ])('%s → %s', (word, expected) => {
    expect(withArticle(word)).toBe(expected);
  });

  it('capitalises the article at the start of a sentence', () => {
    expect(withArticle('archived', true)).toBe('An archived');
    expect(articleFor('sponsor')).toBe('a');
  });
});
