import { randomBytes } from 'node:crypto';
import { open, seal } from './secret-box';

describe('sealing client secrets', () => {
  const key = randomBytes(32);

  it('opens what it sealed, and never writes the secret in the clear', () => {
    const sealed = seal(key, 'client-secret-1', 'provider-a');
    expect(sealed).not.toContain('client-secret-1');
    expect(open(key, sealed, 'provider-a')).toBe('client-secret-1');
    expect(seal(key, 'client-secret-1', 'provider-a')).not.toBe(sealed);
  });

  it('refuses another key, another provider and a changed byte', () => {
    const sealed = seal(key, 'client-secret-1', 'provider-a');
    expect(() => open(randomBytes(32), sealed, 'provider-a')).toThrow();
    expect(() => open(key, sealed, 'provider-b')).toThrow();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3], 'base64url');
    body[0] ^= 1;
    parts[3] = body.toString('base64url');
    expect(() => open(key, parts.join('.'), 'provider-a')).toThrow();
  });
});
