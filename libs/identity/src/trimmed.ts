/** class-transformer helper: trims surrounding white space from string input. */
export const trimmed = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;
