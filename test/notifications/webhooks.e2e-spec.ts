import { Webhook } from 'standardwebhooks';
import { ApplicationsFactory, Harness, TestUser, expectStatus } from '@catalyst/testing';
import { WebhookReceiver, eventually } from './test-servers';

const register = (
  h: Harness,
  user: TestUser,
  organisationId: string,
  body: Record<string, unknown>,
) =>
  h
    .http()
    .post(`/api/v1/organisations/${organisationId}/webhooks`)
    .set('authorization', user.bearer)
    .send(body);

describe('outbound webhooks', () => {
  const receiver = new WebhookReceiver();
  const h = new Harness();
  const apps = new ApplicationsFactory(h);
  let pm: TestUser;

  beforeAll(async () => {
    await receiver.start();
    await h.setup();
    await h.startApi();
    await h.startWorker();
    pm = await h.make.programmeManager();
  });
  afterAll(async () => {
    await h.teardown();
    await receiver.stop();
  });

  it('signs each delivery per Standard Webhooks, verified by an independent verifier, and never crosses organisations', async () => {
    const challenge = await apps.challenge(await apps.round());
    const ours = await h.make.startupMember();
    const theirs = await h.make.startupMember();
    const mine = expectStatus(
      await register(h, ours, ours.organisationId, {
        url: receiver.url('/ours'),
        events: ['application.*'],
      }),
      201,
    ).body;
    expect(mine.secret).toMatch(/^whsec_/);
    const other = expectStatus(
      await register(h, theirs, theirs.organisationId, {
        url: receiver.url('/theirs'),
        events: ['application.submitted'],
      }),
      201,
    ).body;
    // The secret is shown once: never again in reads.
    const read = await h
      .http()
      .get(`/api/v1/organisations/${ours.organisationId}/webhooks/${mine.id}`)
      .set('authorization', ours.bearer)
      .expect(200);
    expect(read.body).not.toHaveProperty('secret');

    const app = await apps.submitted(ours, challenge.id);
    await h.drainQueues(60_000);
    const hooks = await eventually(
      () => receiver.received,
      (r) => r.length >= 1,
    );
    expect(hooks).toHaveLength(1);
    const [hook] = hooks;
    const verified = new Webhook(mine.secret).verify(hook.body, {
      'webhook-id': String(hook.headers['webhook-id']),
      'webhook-timestamp': String(hook.headers['webhook-timestamp']),
      'webhook-signature': String(hook.headers['webhook-signature']),
    }) as { type: string; data: { id: string; entityType: string } };
    expect(verified).toMatchObject({
      type: 'application.submitted',
      data: { id: app.id, entityType: 'application' },
    });
    expect(() =>
      new Webhook(other.secret).verify(hook.body, {
        'webhook-id': String(hook.headers['webhook-id']),
        'webhook-timestamp': String(hook.headers['webhook-timestamp']),
        'webhook-signature': String(hook.headers['webhook-signature']),
      }),
    ).toThrow();

    const log = await h
      .http()
      .get(`/api/v1/organisations/${ours.organisationId}/webhooks/${mine.id}/deliveries`)
      .set('authorization', ours.bearer)
      .expect(200);
    expect(log.body.items).toEqual([
      expect.objectContaining({
        eventType: 'application.submitted',
        status: 'succeeded',
        lastStatusCode: 204,
        attempts: [expect.objectContaining({ number: 1, statusCode: 204 })],
      }),
    ]);
    const otherLog = await h
      .http()
      .get(`/api/v1/organisations/${theirs.organisationId}/webhooks/${other.id}/deliveries`)
      .set('authorization', theirs.bearer)
      .expect(200);
    expect(otherLog.body.items).toEqual([]);
  });

  it('retries after a 500 and logs every attempt', async () => {
    receiver.received.length = 0;
    receiver.answer = (_hook, index) => (index === 0 ? 500 : 200);
    const challenge = await apps.challenge(await apps.round());
    const founder = await h.make.startupMember();
    const hook = expectStatus(
      await register(h, founder, founder.organisationId, {
        url: receiver.url('/retry'),
        events: ['application.submitted'],
      }),
      201,
    ).body;
    await apps.submitted(founder, challenge.id);
    await eventually(
      () => receiver.received,
      (r) => r.length === 2,
    );
    await h.drainQueues(60_000);
    expect(receiver.received[0].headers['webhook-id']).toBe(
      receiver.received[1].headers['webhook-id'],
    );
    const log = await h
      .http()
      .get(`/api/v1/organisations/${founder.organisationId}/webhooks/${hook.id}/deliveries`)
      .set('authorization', founder.bearer)
      .expect(200);
    expect(log.body.items[0]).toMatchObject({
      status: 'succeeded',
      lastStatusCode: 200,
      attempts: [
        expect.objectContaining({ number: 1, statusCode: 500 }),
        expect.objectContaining({ number: 2, statusCode: 200 }),
      ],
    });
    receiver.answer = () => 204;
  });

  it('disables an endpoint that has failed for a day and tells the organisation', async () => {
    receiver.received.length = 0;
    receiver.answer = () => 503;
    const challenge = await apps.challenge(await apps.round());
    const founder = await h.make.startupMember();
    const hook = expectStatus(
      await register(h, founder, founder.organisationId, {
        url: receiver.url('/down'),
        events: ['application.submitted'],
      }),
      201,
    ).body;
    await apps.submitted(founder, challenge.id);
    await eventually(
      () => receiver.received,
      (r) => r.length === 1,
    );
    h.clock.advance(25 * 3600 * 1000);
    await eventually(
      async () =>
        (
          await h
            .http()
            .get(`/api/v1/organisations/${founder.organisationId}/webhooks/${hook.id}`)
            .set('authorization', founder.bearer)
        ).body,
      (b) => b.status === 'disabled',
    );
    await h.drainQueues(60_000);
    const inbox = await h
      .http()
      .get('/api/v1/notifications')
      .set('authorization', founder.bearer)
      .expect(200);
    expect(inbox.body.items.map((n: { kind: string }) => n.kind)).toContain('webhook-disabled');
    receiver.answer = () => 204;
  });

  it('lets only the organisation’s own admins manage its webhooks', async () => {
    const sponsor = await h.make.sponsor();
    const assessorThere = await h.make.assessor(sponsor.organisationId);
    const stranger = await h.make.startupMember();
    const body = { url: receiver.url('/x'), events: ['milestone.*'] };
    expectStatus(await register(h, sponsor, sponsor.organisationId, body), 201);
    expectStatus(await register(h, assessorThere, sponsor.organisationId, body), 403);
    expectStatus(await register(h, stranger, sponsor.organisationId, body), 404);
    expectStatus(await register(h, pm, sponsor.organisationId, body), 404);
    expectStatus(
      await register(h, sponsor, sponsor.organisationId, { ...body, events: ['everything'] }),
      400,
    );
  });
});

describe('webhook addresses in production', () => {
  const h = new Harness({ env: { WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'false' } });
  beforeAll(async () => {
    await h.setup();
    await h.startApi();
  });
  afterAll(() => h.teardown());

  it('refuses loopback, private and plain-http endpoints (SSRF)', async () => {
    const sponsor = await h.make.sponsor();
    for (const url of [
      'https://127.0.0.1/hook',
      'https://10.1.2.3/hook',
      'https://[::1]/hook',
      'http://example.org/hook',
      'https://localhost/hook',
    ]) {
      const res = await register(h, sponsor, sponsor.organisationId, {
        url,
        events: ['milestone.*'],
      });
      expect([url, res.status, res.body.code]).toEqual([url, 400, 'webhook.address_refused']);
    }
  });
});
