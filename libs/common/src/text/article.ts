/** Words that start with a vowel letter but a consonant sound ("a user"), and the reverse. */
const CONSONANT_SOUND = /^(uni|use|usu|ura|eu|one|once)/i;
const VOWEL_SOUND = /^(hour|honest|honour|heir)/i;

/** The indefinite article for a word: 'application' → 'an', 'round' → 'a', 'user' → 'a'. */
export function articleFor(word: string): 'a' | 'an' {
  const w = word.trim();
  if (VOWEL_SOUND.test(w)) return 'an';
  if (CONSONANT_SOUND.test(w)) return 'a';
  return /^[aeiou]/i.test(w) ? 'an' : 'a';
}

/**
 * 'application' → 'an application'; with `capital`, 'An application'. For generated messages
 * that name an entity, a status or a role, where a fixed "a" reads wrong half the time.
 */
export function withArticle(word: string, capital = false): string {
  const article = articleFor(word);
  return `${capital ? article[0].toUpperCase() + article.slice(1) : article} ${word}`;
}
