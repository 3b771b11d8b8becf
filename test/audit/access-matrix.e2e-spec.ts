import { AuditQueryService } from '@catalyst/audit';
import { ForbiddenError } from '@catalyst/common';
import { Actor, ActorService } from '@catalyst/identity';
import { Harness, TestUser, expectMatrixStatus } from '@catalyst/testing';

jest.setTimeout(60_000);

type Who = 'pm' | 'sponsor' | 'assessor' | 'startup';

/**
 * The audit trail names every actor and decision across all organisations: programme managers
 * read it, nobody else, whether they come through the API or call the service.
 */
describe('audit trail access: role × action', () => {
  const h = new Harness();
  const users = {} as Record<Who, TestUser>;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    users.pm = await h.make.programmeManager();
    users.sponsor = await h.make.sponsor();
    users.assessor = await h.make.assessor();
    users.startup = await h.make.startupMember();
  }, 60_000);
  afterAll(() => h.teardown());

  it.each<[Who, number]>([
    ['pm', 200],
    ['sponsor', 403],
    ['assessor', 403],
    ['startup', 403],
  ])('reads the audit trail as %s → %i', (who, status) =>
    expectMatrixStatus(h, users[who], () => ({ method: 'get', path: '/audit' }), status),
  );

  it('refuses every caller but a programme manager in the service itself', async () => {
    const service = h.api!.get(AuditQueryService);
    const actorOf = async (user: TestUser) =>
      (await h.api!.get(ActorService).load(user.id)) as Actor;
    for (const who of ['sponsor', 'assessor', 'startup'] as const) {
      await expect(service.list(await actorOf(users[who]), {})).rejects.toThrow(ForbiddenError);
    }
    await expect(service.list(await actorOf(users.pm), {})).resolves.toHaveProperty('items');
  });
});
