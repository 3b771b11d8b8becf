import type { ValueTransformer } from 'typeorm';

/** PostgreSQL `numeric` arrives as a string (exact decimal); the domain works in numbers. */
export const NUMERIC: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
