/** bigint columns read back as numbers (amounts in minor units stay below 2^53). */
export const BIGINT = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
