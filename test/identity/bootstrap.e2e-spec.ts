import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { BootstrapAdminService } from '@catalyst/identity';
import { Harness } from '@catalyst/testing';
import { createApi } from '../../apps/api/src/bootstrap/create-api';

const ADMIN = { email: 'Admin@Example.org', password: 'bootstrap admin passphrase' };
const env = {
  BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
  BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
  AUTH_RATE_LIMIT_PER_MINUTE: '1000',
};

const admins = (h: Harness) =>
  h.dataSource().query(
    `SELECT u.email, m.role, o.kind, o.name FROM users u
       JOIN memberships m ON m.user_id = u.id JOIN organisations o ON o.id = m.organisation_id`,
  );

describe('bootstrap of the first programme manager', () => {
  const h = new Harness({ env });

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
  });
  afterAll(() => h.teardown());

  it('creates the programme manager and an operator organisation at start', async () => {
    expect(await admins(h)).toEqual([
      {
        email: 'admin@example.org',
        role: 'programme_manager',
        kind: 'operator',
        name: 'Programme operator',
      },
    ]);
    const events = await h
      .dataSource()
      .query('SELECT action, actor_id FROM audit_events ORDER BY at');
    expect(events).toEqual([
      { action: 'organisation.created', actor_id: null },
      { action: 'user.created', actor_id: null },
      { action: 'membership.added', actor_id: null },
      { action: 'programme.created', actor_id: null },
    ]);
  });

  it('lets that programme manager sign in and act as one', async () => {
    const login = await h.http().post('/api/v1/auth/login').send(ADMIN).expect(200);
    const bearer = `Bearer ${login.body.accessToken}`;
    await h.http().get('/api/v1/audit').set('authorization', bearer).expect(200);
  });

  it('does nothing on a restart', async () => {
    await h.api?.close();
    await h.startApi();
    expect(await admins(h)).toHaveLength(1);
  });

  it('does nothing once any user exists, even with another address configured', async () => {
    const outcome = await h
      .api!.get(BootstrapAdminService)
      .run({ email: 'second@example.org', password: 'another long passphrase' });
    expect(outcome).toBe('users-exist');
    expect(await admins(h)).toHaveLength(1);
  });
});

describe('bootstrap racing itself', () => {
  const h = new Harness();
  const replicas: NestFastifyApplication[] = [];

  beforeAll(async () => {
    await h.setup();
  });
  afterAll(async () => {
    for (const app of replicas) await app.close();
    await h.teardown();
  });

  it('creates one programme manager when replicas start at the same moment', async () => {
    const config = {
      ...h.config,
      bootstrapAdmin: { email: 'admin@example.org', password: ADMIN.password },
    };
    replicas.push(...(await Promise.all([1, 2, 3].map(() => createApi(config)))));
    await h.startApi();
    expect(await admins(h)).toHaveLength(1);
  });

  it('creates one when the service runs concurrently on an empty database', async () => {
    await h.ownerQuery('TRUNCATE users, memberships, refresh_tokens, invitations CASCADE');
    const service = h.api!.get(BootstrapAdminService);
    const outcomes = await Promise.all(
      [1, 2, 3, 4].map(() => service.run({ email: 'admin@example.org', password: ADMIN.password })),
    );
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'users-exist')).toHaveLength(3);
    expect(await admins(h)).toHaveLength(1);
  });

  it('refuses a BOOTSTRAP_ADMIN_PASSWORD that breaks the password rule, creating nothing', async () => {
    await h.ownerQuery('TRUNCATE users, memberships, refresh_tokens, invitations CASCADE');
    const service = h.api!.get(BootstrapAdminService);
    for (const password of ['passwordpassword', 'admin@example.org']) {
      await expect(service.run({ email: 'admin@example.org', password })).rejects.toThrow(
        /BOOTSTRAP_ADMIN_PASSWORD .*password\.(repetitive|personal)/,
      );
    }
    expect(await admins(h)).toHaveLength(0);
  });

  it('does nothing when not configured', async () => {
    expect(await h.api!.get(BootstrapAdminService).run(undefined)).toBe('not-configured');
  });
});
