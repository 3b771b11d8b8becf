import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { Harness } from '@catalyst/testing';
import { createApi } from '../../apps/api/src/bootstrap/create-api';

/** The API's log lines, parsed, as the API writes them. */
class LogLines {
  readonly lines: Record<string, unknown>[] = [];
  write(chunk: string): void {
    for (const line of chunk.split('\n').filter(Boolean)) {
      this.lines.push(JSON.parse(line) as Record<string, unknown>);
    }
  }
  requests(url: string): Record<string, unknown>[] {
    return this.lines.filter(
      (line) =>
        line.msg === 'request completed' && (line.req as { url?: string } | undefined)?.url === url,
    );
  }
}

describe('the request log', () => {
  const h = new Harness({ env: { LOG_LEVEL: 'info' } });
  const log = new LogLines();
  let api: NestFastifyApplication;

  beforeAll(async () => {
    await h.setup();
    api = await createApi(h.config, {
      clock: h.clock,
      queuePrefix: h.queuePrefix,
      logDestination: log,
    });
    await api.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await api?.close();
    await h.teardown();
  });

  it('writes one line per request, with its correlation id', async () => {
    await request(api.getHttpServer())
      .get('/api/v1/public/challenges')
      .set('x-correlation-id', 'trace-one-line')
      .expect(200);
    await request(api.getHttpServer()).get('/api/v1/nothing-here').expect(404);
    const lines = log.requests('/api/v1/public/challenges');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ correlationId: 'trace-one-line', res: { statusCode: 200 } });
    expect(log.requests('/api/v1/nothing-here')).toHaveLength(1);
  });

  it('does not log the health probes (they were logged twice)', async () => {
    await request(api.getHttpServer()).get('/health/live').expect(200);
    await request(api.getHttpServer()).get('/health/ready').expect(200);
    await request(api.getHttpServer()).get('/api/v1/public/challenges').expect(200);
    expect(log.requests('/health/live')).toHaveLength(0);
    expect(log.requests('/health/ready')).toHaveLength(0);
  });
});
