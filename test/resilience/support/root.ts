import { join } from 'node:path';

/** The repository root; the scenarios start the built apps under `dist/`. */
export const ROOT = join(__dirname, '..', '..', '..');
