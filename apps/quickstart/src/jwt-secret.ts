import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The quick start's token signing secret: generated on the first run and kept in
 * `.data/jwt-secret` (mode 600), so sign-ins survive restarts. Returns the secret and whether it
 * was created now.
 */
export function quickStartJwtSecret(dataRoot: string): {
  secret: string;
  created: boolean;
  file: string;
} {
  const file = join(dataRoot, 'jwt-secret');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length >= 32) {
      chmodSync(file, 0o600);
      return { secret, created: false, file };
    }
  }
  mkdirSync(dataRoot, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // also when the file existed (mode only applies on creation)
  return { secret, created: true, file };
}
