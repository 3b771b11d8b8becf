import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Harness } from '@catalyst/testing';

/** `{"a":[{"a":[…"leaf"…]}]}` nested `levels` deep, as raw JSON text. */
function deepJson(levels: number): string {
  return '{"a":['.repeat(levels) + '"leaf"' + ']}'.repeat(levels);
}

/** Sends raw bytes over a real socket (supertest would re-encode the body). */
function rawRequest(
  port: number,
  options: { method: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method,
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('hostile input', () => {
  const h = new Harness();
  let pm: string;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    pm = (await h.make.programmeManager()).bearer;
  });
  afterAll(() => h.teardown());

  const postJson = (path: string, text: string, bearer?: string) => {
    const req = h.http().post(path).set('content-type', 'application/json');
    return (bearer ? req.set('authorization', bearer) : req).send(text);
  };

  it('refuses a body nested thousands of levels deep with 400, on an anonymous route too', async () => {
    const anonymous = await postJson('/api/v1/auth/login', deepJson(2500)).expect(400);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(anonymous.body.code).toBe('request.too_deep');
    const signedIn = await postJson('/api/v1/organisations', deepJson(2500), pm).expect(400);
    expect(signedIn.body.code).toBe('request.too_deep');
  });

  it('still accepts ordinary nesting', async () => {
    const res = await postJson(
      '/api/v1/organisations',
      JSON.stringify({ name: 'Nested but fine', kind: 'sponsor' }),
      pm,
    ).expect(201);
    expect(res.body.name).toBe('Nested but fine');
  });

  it('refuses a lone surrogate with 400: in an e-mail, in a text column, in a key', async () => {
    const email = await postJson(
      '/api/v1/auth/login',
      '{"email":"a\\ud800@example.org","password":"correct horse battery staple"}',
    ).expect(400);
    expect(email.body.code).toBe('request.invalid_unicode');
    expect(email.body.errors).toEqual([{ field: 'email', message: expect.any(String) }]);

    const text = await postJson(
      '/api/v1/organisations',
      '{"name":"Lone \\udc00 surrogate","kind":"sponsor"}',
      pm,
    ).expect(400);
    expect(text.body.code).toBe('request.invalid_unicode');
    const stored = await h
      .dataSource()
      .query(`SELECT count(*)::int AS n FROM organisations WHERE name LIKE 'Lone %'`);
    expect(stored[0].n).toBe(0);

    const key = await postJson('/api/v1/organisations', '{"\\ud800":1}', pm).expect(400);
    expect(key.body.code).toBe('request.invalid_unicode');
  });

  it('keeps a well-formed astral character (a surrogate pair) intact', async () => {
    const res = await postJson(
      '/api/v1/organisations',
      '{"name":"Rocket \\ud83d\\ude80 Ltd","kind":"sponsor"}',
      pm,
    ).expect(201);
    expect(res.body.name).toBe('Rocket 🚀 Ltd');
  });

  it('answers headers or a URL over the size limit with a 431 problem document', async () => {
    const server = h.http().get('/').app as unknown as import('node:http').Server;
    if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;

    const headers = await rawRequest(port, {
      method: 'GET',
      path: '/health/live',
      headers: { 'x-padding': 'p'.repeat(40_000) },
    });
    expect(headers.status).toBe(431);
    expect(headers.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(headers.body)).toMatchObject({
      status: 431,
      code: 'request.headers_too_large',
    });

    const url = await rawRequest(port, {
      method: 'GET',
      path: `/api/v1/public/challenges?q=${'x'.repeat(40_000)}`,
    });
    expect(url.status).toBe(431);
    expect(JSON.parse(url.body)).toMatchObject({ code: 'request.headers_too_large' });
  });

  it('refuses null where it means nothing: optional ids, strings, booleans, pages', async () => {
    const refused: [string, string, object][] = [
      ['post', '/api/v1/ops/pings', { pingId: null }],
      ['post', '/api/v1/organisations', { name: 'Null Ltd', kind: 'startup', website: null }],
      ['post', '/api/v1/organisations', { name: 'Null Ltd', kind: 'startup', sme: null }],
    ];
    for (const [, path, body] of refused) {
      const res = await h.http().post(path).set('authorization', pm).send(body);
      expect({ path, body, status: res.status, code: res.body.code }).toEqual({
        path,
        body,
        status: 400,
        code: 'request.invalid',
      });
    }
    const stored = await h
      .dataSource()
      .query(`SELECT count(*)::int AS n FROM organisations WHERE name = 'Null Ltd'`);
    expect(stored[0].n).toBe(0);
  });
});
