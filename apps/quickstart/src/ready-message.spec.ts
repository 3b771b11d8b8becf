import { readyLines } from './ready-message';

describe('the quick start’s last lines', () => {
  it('give the address and how to sign in, in a few lines', () => {
    const lines = readyLines({
      port: 3000,
      adminHint: 'Sign in: admin@catalyst.local / secret (programme manager)',
      began: Date.now(),
      backend: 'redis',
    });
    expect(lines.length).toBeLessThanOrEqual(6);
    expect(lines.join('\n')).toContain('http://localhost:3000/docs');
    expect(lines.join('\n')).toContain('Open http://localhost:3000 in a browser');
    expect(lines.join('\n')).toContain('Sign in: admin@catalyst.local / secret');
  });
});
