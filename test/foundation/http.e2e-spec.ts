import { Harness, countQueries } from '@catalyst/testing';

describe('HTTP foundation', () => {
  const h = new Harness();

  let pm: string;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    pm = (await h.make.programmeManager()).bearer;
  });
  afterAll(() => h.teardown());

  it('answers liveness and readiness with PostgreSQL and the queue checked', async () => {
    await h.http().get('/health/live').expect(200, { status: 'ok' });
    const ready = await h.http().get('/health/ready').expect(200);
    expect(ready.body.status).toBe('ok');
    expect(ready.body.info.database.status).toBe('up');
    expect(ready.body.info.queue.status).toBe('up');
  });

  it('serves the OpenAPI document and the interactive docs page', async () => {
    const doc = await h.http().get('/api/v1/openapi.json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toContain('/api/v1/ops/pings');
    const page = await h.http().get('/docs').redirects(1).expect(200);
    expect(page.text).toContain('swagger-ui');
  });

  it('echoes a given correlation id and invents one otherwise', async () => {
    const given = await h
      .http()
      .get('/health/live')
      .set('x-correlation-id', 'trace-123')
      .expect(200);
    expect(given.headers['x-correlation-id']).toBe('trace-123');
    const invented = await h.http().get('/health/live').expect(200);
    expect(invented.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets security headers', async () => {
    const res = await h.http().get('/health/live').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('refuses unknown fields with a problem listing the field', async () => {
    const res = await h
      .http()
      .post('/api/v1/ops/pings')
      .set('authorization', pm)
      .send({ pingId: crypto.randomUUID(), extra: 1 })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, title: 'Invalid input' });
    expect(res.body.errors).toEqual([
      { field: 'extra', message: 'property extra should not exist' },
    ]);
  });

  it('refuses an invalid field value, naming it', async () => {
    const res = await h
      .http()
      .post('/api/v1/ops/pings')
      .set('authorization', pm)
      .send({ pingId: 'not-a-uuid' })
      .expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'pingId' })]);
  });

  it('refuses malformed JSON with a problem document', async () => {
    const res = await h
      .http()
      .post('/api/v1/ops/pings')
      .set('authorization', pm)
      .set('content-type', 'application/json')
      .send('{"pingId": ')
      .expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      status: 400,
      code: 'request.malformed',
    });
  });

  it('refuses a body over the 1 MB limit with 413', async () => {
    const big = JSON.stringify({ pingId: 'x'.repeat(1_100_000) });
    const res = await h
      .http()
      .post('/api/v1/ops/pings')
      .set('authorization', pm)
      .set('content-type', 'application/json')
      .send(big)
      .expect(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.status).toBe(413);
  });

  it('refuses a missing or bad token with 401 and the wrong role with 403', async () => {
    const none = await h.http().post('/api/v1/ops/pings').send({}).expect(401);
    expect(none.body.status).toBe(401);
    await h
      .http()
      .post('/api/v1/ops/pings')
      .set('authorization', 'Bearer not.a.token')
      .send({})
      .expect(401);
    const startup = await h.make.startupMember();
    const res = await h
      .http()
      .post('/api/v1/ops/pings')
      .set('authorization', startup.bearer)
      .send({})
      .expect(403);
    expect(res.body.code).toBe('auth.forbidden');
    expect(res.body.detail).toContain('programme_manager');
  });

  it('answers unknown routes with a 404 problem', async () => {
    const res = await h.http().get('/api/v1/nothing-here').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.status).toBe(404);
  });
});

describe('the query counter used by list tests', () => {
  const h = new Harness();
  beforeAll(async () => {
    await h.setup();
    await h.startApi();
  });
  afterAll(() => h.teardown());

  it('counts the statements a request sends to PostgreSQL', async () => {
    const pm = await h.make.programmeManager();
    const { count, queries } = await countQueries(h.dataSource(), () =>
      h
        .http()
        .get('/api/v1/ops/pings/6f1c1c1e-7d59-4a55-9f6a-0d9a3c2b1a10')
        .set('authorization', pm.bearer)
        .expect(404),
    );
    // One query loads the caller (token → actor), one looks for the receipt.
    expect(queries.some((q) => q.includes('FROM users'))).toBe(true);
    expect(queries.some((q) => q.includes('ping_receipts'))).toBe(true);
    expect(count).toBe(2);
  });
});

describe('errors raised before routing', () => {
  const h = new Harness();
  beforeAll(async () => {
    await h.setup();
    await h.startApi();
  });
  afterAll(() => h.teardown());

  it('answers a malformed URL with a problem document', async () => {
    const res = await h.http().get('/api/v1/invitations/%00%ff/accept').expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.status).toBe(400);
  });

  it('answers an over-long URL with a problem document', async () => {
    const res = await h
      .http()
      .post(`/api/v1/invitations/${'x'.repeat(5000)}/accept`)
      .send({});
    expect(res.status).toBe(414);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.status).toBe(414);
  });
});
