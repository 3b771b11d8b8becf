import { QueueName } from '@catalyst/queues';
import { Harness } from '@catalyst/testing';

describe('the queue dashboard at /admin/queues', () => {
  const h = new Harness();
  beforeAll(async () => {
    await h.setup();
    await h.startApi();
  });
  afterAll(() => h.teardown());

  const paths = ['/admin/queues', '/admin/queues/api/queues'];

  it('is refused without a token, and to every role but programme managers', async () => {
    const users = [await h.make.sponsor(), await h.make.startupMember(), await h.make.assessor()];
    for (const path of paths) {
      const anonymous = await h.http().get(path);
      expect([path, anonymous.status]).toEqual([path, 401]);
      for (const user of users) {
        const res = await h.http().get(path).set('authorization', user.bearer);
        expect([path, user.role, res.status]).toEqual([path, user.role, 403]);
      }
    }
    // Retrying a failed job is behind the same gate.
    const retry = await h.http().put('/admin/queues/api/queues/notifications/retry/failed');
    expect(retry.status).toBe(401);
  });

  it('shows every queue to a programme manager', async () => {
    const pm = await h.make.programmeManager();
    await h
      .http()
      .get('/admin/queues')
      .set('authorization', pm.bearer)
      .expect(200)
      .expect('content-type', /html/);
    const api = await h
      .http()
      .get('/admin/queues/api/queues')
      .set('authorization', pm.bearer)
      .expect(200);
    // Every queue there is (a library adding one, as contracts did, shows up by itself).
    expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(
      Object.values(QueueName).sort(),
    );
    expect(Object.values(QueueName)).toEqual(expect.arrayContaining(['notifications', 'webhooks']));
    // A browser signs in once with ?access_token= and keeps an HttpOnly cookie.
    const page = await h.http().get(`/admin/queues?access_token=${pm.token}`).expect(200);
    expect(page.headers['set-cookie']?.[0]).toMatch(/^catalyst_queues=.*HttpOnly/);
  });
});
