import Fastify from 'fastify';
import { request as httpRequest } from 'node:http';
import pino from 'pino';
import { correlationMixin, installRequestLog, redactUrl } from './request-log';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { mixin: correlationMixin },
    { write: (chunk: string) => lines.push(JSON.parse(chunk) as Record<string, unknown>) },
  );
  return { lines, logger };
}

describe('the request log', () => {
  it('writes one line per request with its correlation id, and none for the health probes', async () => {
    const { lines, logger } = capture();
    let n = 0;
    const app = Fastify({ genReqId: () => `req-${++n}` });
    installRequestLog(app, () => logger);
    let headersArrived!: () => void;
    const arrived = new Promise<void>((resolve) => (headersArrived = resolve));
    app.addHook('onRequest', (_request, _reply, done) => {
      headersArrived();
      done();
    });
    app.post('/things', async (request) => {
      // Logged while serving (after the body was read): carries the request's id.
      await new Promise((resolve) => setImmediate(resolve));
      logger.info({ body: request.body }, 'serving');
      return { ok: true };
    });
    app.get('/boom', () => {
      throw new Error('boom');
    });
    app.get('/health/live', () => ({ ok: true }));
    // Over a real socket: the body arrives in the socket's events, outside the request's context.
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    // The body's second half is sent once the server has begun the request, so it is read in a
    // later socket event than the headers.
    await new Promise<void>((resolve, reject) => {
      const req = httpRequest(`${base}/things`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': '7' },
      });
      req.on('response', (res) => res.resume().on('end', resolve)).on('error', reject);
      req.write('{"a":');
      void arrived.then(() => req.end('1}'));
    });
    await fetch(`${base}/boom`);
    await fetch(`${base}/health/live`);
    await app.close();

    expect(lines.find((l) => l.msg === 'serving')).toMatchObject({ correlationId: 'req-1' });
    const requests = lines.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('request'));
    expect(requests).toEqual([
      expect.objectContaining({
        msg: 'request completed',
        correlationId: 'req-1',
        req: expect.objectContaining({ method: 'POST', url: '/things' }),
        res: { statusCode: 200 },
        level: 30,
      }),
      expect.objectContaining({ msg: 'request errored', res: { statusCode: 500 }, level: 50 }),
    ]);
    // Outside a request, no correlation id.
    logger.info('idle');
    expect(lines.at(-1)).not.toHaveProperty('correlationId');
  });

  it('keeps secrets out of the paths it logs', () => {
    expect(redactUrl('/api/v1/invitations/abc123/accept')).toBe(
      '/api/v1/invitations/[redacted]/accept',
    );
    expect(redactUrl('/invitations/abc123')).toBe('/invitations/[redacted]');
    expect(redactUrl('/api/v1/auth/password-resets/t0k3n')).toBe(
      '/api/v1/auth/password-resets/[redacted]',
    );
    expect(redactUrl('/api/v1/calendar.ics?token=s3cret&x=1')).toBe(
      '/api/v1/calendar.ics?token=[redacted]&x=1',
    );
    expect(redactUrl('/sso/callback?code=c0de&state=st4te')).toBe(
      '/sso/callback?code=[redacted]&state=[redacted]',
    );
  });
});
