import { createHash, randomBytes } from 'node:crypto';

/** An unguessable bearer secret (256 bits, base64url) for refresh and invitation tokens. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * What is stored instead of the token. A plain SHA-256 is enough here: the input has 256 bits
 * of entropy, so there is nothing to brute-force, and a lookup by hash stays an index hit.
 */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
