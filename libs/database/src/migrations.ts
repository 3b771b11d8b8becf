import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MigrationInterface } from 'typeorm';

type MigrationClass = new () => MigrationInterface;

/**
 * Every migration in ./migrations, in file-name (timestamp) order. Loaded with require so the
 * same code serves the compiled app (.js) and the tests (.ts through the test transformer).
 */
export function loadMigrations(): MigrationClass[] {
  const dir = join(__dirname, 'migrations');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^\d+-.+\.(js|ts)$/.test(f) && !f.endsWith('.d.ts'))
    .sort()
    .flatMap((file) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(join(dir, file)) as Record<string, unknown>;
      return Object.values(mod).filter((v): v is MigrationClass => typeof v === 'function');
    });
}
