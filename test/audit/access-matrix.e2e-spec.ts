import { randomUUID } from 'node:crypto';
import { AuditQueryService } from '@catalyst/audit';
import { ForbiddenError } from '@catalyst/common';
import { Actor, ActorService } from '@catalyst/identity';
import {
  Harness,
  TestUser,
  createRound,
  expectMatrixStatus,
  expectStatus,
} from '@catalyst/testing';

jest.setTimeout(60_000);

type Who = 'pm' | 'otherPm' | 'sponsor' | 'assessor' | 'startup';
const ADMIN_EMAIL = 'instance-admin@example.test';

interface Event {
  action: string;
  entityId: string;
  programmeId: string | null;
  data: Record<string, unknown> | null;
}

/**
 * The audit trail names every actor and decision across all organisations: programme managers
 * read it, nobody else, whether they come through the API or call the service. Of it, each
 * programme manager reads their own programmes' events and the instance-level ones (shared
 * sponsors, startups, users), never another programme's, nor another operator organisation's
 * own events (its edits, invitations and members: the operator is 404 to them). `pm` manages
 * the default programme; `otherPm` is a programme manager of a second operator running a
 * second programme.
 */
describe('audit trail access: role × action', () => {
  const h = new Harness({ env: { INSTANCE_ADMIN_EMAILS: ADMIN_EMAIL } });
  const users = {} as Record<Who, TestUser>;
  let admin: TestUser;
  let ownProgramme: string;
  let ownOperator: string;
  let otherProgramme: string;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    users.pm = await h.make.programmeManager();
    const own = await h.make.defaultProgramme();
    ownProgramme = own.id;
    ownOperator = own.operatorOrganisationId;
    const other = await h.make.programme();
    otherProgramme = other.id;
    users.otherPm = await h.make.programmeManager(other.operatorOrganisationId);
    users.sponsor = await h.make.sponsor();
    users.assessor = await h.make.assessor();
    users.startup = await h.make.startupMember();
    // An instance administrator, programme manager of an operator running no programme.
    admin = await h.make.user('programme_manager', {
      email: ADMIN_EMAIL,
      organisationId: (await h.make.organisation('operator')).id,
    });
  }, 60_000);
  afterAll(() => h.teardown());

  it.each<[Who, number]>([
    ['pm', 200],
    ['otherPm', 200],
    ['sponsor', 403],
    ['assessor', 403],
    ['startup', 403],
  ])('reads the audit trail as %s → %i', (who, status) =>
    expectMatrixStatus(h, users[who], () => ({ method: 'get', path: '/audit' }), status),
  );

  it('refuses every caller but a programme manager in the service itself', async () => {
    const service = h.api!.get(AuditQueryService);
    for (const who of ['sponsor', 'assessor', 'startup'] as const) {
      await expect(service.list(await actorOf(users[who]), {})).rejects.toThrow(ForbiddenError);
    }
    await expect(service.list(await actorOf(users.pm), {})).resolves.toHaveProperty('items');
  });

  describe('a programme manager of another programme', () => {
    let ownRound: string;
    let otherRound: string;
    let sharedSponsor: string;
    let operatorInvitation: string;
    let revokedInvitation: string;
    let operatorMembership: string;
    let colleague: string;

    beforeAll(async () => {
      ownRound = (await createRound(h, users.pm)).id;
      otherRound = (await createRound(h, users.otherPm)).id;
      sharedSponsor = expectStatus(
        await as(users.pm).post('/organisations').send({ name: 'Shared council', kind: 'sponsor' }),
        201,
      ).body.id;
      // The first programme's operator: edited, and a colleague invited who joins.
      expectStatus(
        await as(users.pm)
          .patch(`/organisations/${ownOperator}`)
          .send({ website: 'https://civtech.example.test' }),
        200,
      );
      const invitation = expectStatus(
        await as(users.pm)
          .post(`/organisations/${ownOperator}/invitations`)
          .send({ email: 'new-colleague@example.test', role: 'programme_manager' }),
        201,
      );
      operatorInvitation = invitation.body.id;
      expectStatus(
        await h
          .http()
          .post(`/api/v1/invitations/${invitation.body.token}/accept`)
          .send({ name: 'New colleague', password: 'a long and unguessable passphrase' }),
        201,
      );
      const [membership] = await h.ownerQuery<{ entity_id: string; user_id: string }>(
        `SELECT entity_id, data->>'userId' AS user_id FROM audit_events
          WHERE action = 'membership.added' AND data->>'invitationId' = $1`,
        [operatorInvitation],
      );
      operatorMembership = membership.entity_id;
      colleague = membership.user_id;
      revokedInvitation = expectStatus(
        await as(users.pm)
          .post(`/organisations/${ownOperator}/invitations`)
          .send({ email: 'not-after-all@example.test', role: 'programme_manager' }),
        201,
      ).body.id;
      expectStatus(
        await as(users.pm)
          .post(`/invitations/${revokedInvitation}/transitions`)
          .send({ to: 'revoked' }),
        200,
      );
    });

    it('reads none of the first programme’s events, however they filter', async () => {
      const seen = await trail(users.otherPm);
      expect(seen.map((e) => e.entityId)).toContain(otherRound);
      expect(seen.map((e) => e.entityId)).not.toContain(ownRound);
      expect(seen.every((e) => [null, otherProgramme].includes(e.programmeId))).toBe(true);
      expect(await trail(users.otherPm, `&programmeId=${ownProgramme}`)).toEqual([]);
      expect(await trail(users.otherPm, `&entityType=round&entityId=${ownRound}`)).toEqual([]);
      expect(await trail(users.otherPm, `&actorId=${users.pm.id}`)).not.toContainEqual(
        expect.objectContaining({ entityId: ownRound }),
      );
      // And the other way round.
      const ownSeen = await trail(users.pm);
      expect(ownSeen.map((e) => e.entityId)).toContain(ownRound);
      expect(ownSeen.map((e) => e.entityId)).not.toContain(otherRound);
    });

    it('reads the instance-level events every programme shares', async () => {
      const seen = await trail(users.otherPm, `&entityType=organisation&entityId=${sharedSponsor}`);
      expect(seen.map((e) => e.action)).toEqual(['organisation.created']);
    });

    it('reads nothing of the first programme’s operator: its edits, invitations and members', async () => {
      const about = [
        ownOperator,
        operatorInvitation,
        revokedInvitation,
        operatorMembership,
        colleague,
      ];
      const seen = await trail(users.otherPm);
      expect(seen.filter((e) => about.includes(e.entityId))).toEqual([]);
      expect(JSON.stringify(seen)).not.toContain('new-colleague@example.test');
      expect(JSON.stringify(seen)).not.toContain('not-after-all@example.test');
      for (const id of about) {
        expect(await trail(users.otherPm, `&entityId=${id}`)).toEqual([]);
      }
      // The operator's own programme managers read all of it, and so do instance administrators.
      const expected = [
        'invitation.accepted',
        'invitation.created',
        'invitation.created',
        'invitation.revoked',
        'membership.added',
        'organisation.updated',
        'user.created',
      ];
      for (const reader of [users.pm, admin]) {
        const own = await trail(reader);
        expect(
          own
            .filter((e) => about.includes(e.entityId))
            .map((e) => e.action)
            .sort(),
        ).toEqual(expected);
      }
    });

    it('gets the same from the service as through the API', async () => {
      const page = await h
        .api!.get(AuditQueryService)
        .list(await actorOf(users.otherPm), { limit: 200 });
      const ids = page.items.map((e) => e.entityId);
      expect(ids).toContain(otherRound);
      expect(ids).not.toContain(ownRound);
      expect(ids).not.toContain(operatorInvitation);
    });

    it('filters by an unknown programme to nothing rather than failing', async () => {
      expect(await trail(users.otherPm, `&programmeId=${randomUUID()}`)).toEqual([]);
    });
  });

  function as(user: TestUser) {
    const bearer = user.bearer;
    return {
      post: (path: string) => h.http().post(`/api/v1${path}`).set('authorization', bearer),
      patch: (path: string) => h.http().patch(`/api/v1${path}`).set('authorization', bearer),
    };
  }

  async function trail(user: TestUser, query = ''): Promise<Event[]> {
    const res = await h
      .http()
      .get(`/api/v1/audit?limit=200${query}`)
      .set('authorization', user.bearer);
    return expectStatus(res, 200).body.items as Event[];
  }

  async function actorOf(user: TestUser): Promise<Actor> {
    return (await h.api!.get(ActorService).load(user.id)) as Actor;
  }
});
