import Fastify from 'fastify';
import { helmetHeaders, registerSecurityHeaders } from './security-headers';

describe('security headers', () => {
  const options = {
    contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"] } },
  };

  it('are the headers helmet sets for the options, computed once', () => {
    const headers = helmetHeaders(options);
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(helmetHeaders({ ...options, strictTransportSecurity: false })).not.toHaveProperty(
      'strict-transport-security',
    );
  });

  it('are on every reply, found or not', async () => {
    const app = Fastify();
    registerSecurityHeaders(app, options);
    app.get('/here', () => ({ ok: true }));
    const found = await app.inject({ url: '/here' });
    const missing = await app.inject({ url: '/not-here' });
    for (const reply of [found, missing]) {
      expect(reply.headers['content-security-policy']).toBe(
        helmetHeaders(options)['content-security-policy'],
      );
      expect(reply.headers['x-frame-options']).toBe('SAMEORIGIN');
    }
    await app.close();
  });
});
