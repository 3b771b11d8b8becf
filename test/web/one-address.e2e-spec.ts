import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import request from 'supertest';
import { apiAndWeb } from '../../apps/quickstart/src/api-and-web';
import { Harness } from '../support/harness';

describe('the quick start’s one address', () => {
  const h = new Harness();
  let served: { server: Server; close: () => Promise<void> };
  let base: string;

  beforeAll(async () => {
    await h.setup();
    served = await apiAndWeb(h.config, { clock: h.clock, queuePrefix: h.queuePrefix });
    await new Promise<void>((resolve) => served.server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(served.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await served?.close();
    await h.teardown();
  });

  it('serves the web application, the API and its documentation at one address', async () => {
    const page = await request(base).get('/').expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('Catalyst');
    const api = await request(base).get('/api/v1/public/challenges').expect(200);
    expect(api.body).toHaveProperty('items');
    await request(base).get('/docs').expect(200);
    await request(base).get('/health/live').expect(200);
    const missing = await request(base).get('/api/v1/nothing-here').expect(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });
});
