import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * apps/web, where the templates, string catalogues and assets live: found from this file both
 * when it runs from source (tests) and from dist/ (the build emits only the compiled code).
 */
function findWebRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'apps', 'web');
    if (existsSync(join(candidate, 'views', 'layout.njk'))) return candidate;
  }
  throw new Error(`apps/web/views not found above ${from}`);
}

export const WEB_ROOT = findWebRoot(__dirname);
