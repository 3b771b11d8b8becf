import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { NOTIFIED_EVENTS, RouteEventHandler, type RoutedEvent } from '@catalyst/notifications';
import { Harness, TestUser, expectStatus } from '@catalyst/testing';

/**
 * The rules of the two domains that landed with notifications: a built report is told to the
 * person who asked (or, for a weekly digest, to the sponsor organisation's members), and a
 * feedback release is told to each company about its own application only — once each,
 * however often the event is relayed.
 */
describe('report-ready and feedback-released notifications', () => {
  const h = new Harness();
  let worker: INestApplicationContext;
  let pm: TestUser;
  let sponsor: TestUser;
  let colleague: TestUser;

  const inbox = async (who: TestUser) =>
    expectStatus(await h.http().get('/api/v1/notifications').set('authorization', who.bearer), 200)
      .body as { unread: number; items: { title: string; body?: string; link?: string }[] };
  const route = (event: Omit<RoutedEvent, 'eventId'>, eventId = randomUUID()) =>
    worker.get(RouteEventHandler).handle({ ...event, eventId });

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    worker = await h.startWorker();
    pm = await h.make.programmeManager();
    sponsor = await h.make.sponsor();
    colleague = await h.make.sponsor(sponsor.organisationId);
  });
  afterAll(() => h.teardown());

  it('subscribes to both events', () => {
    expect(NOTIFIED_EVENTS).toEqual(
      expect.arrayContaining(['report.ready', 'challenge.feedback_released']),
    );
  });

  it('tells the person who asked for a report, once', async () => {
    const reportId = randomUUID();
    const event = {
      action: 'report.ready',
      programmeId: null,
      entityType: 'report',
      entityId: reportId,
      data: {
        kind: 'round_funnel',
        requesterUserId: pm.id,
        requesterOrganisationId: null,
        expiresAt: '2027-01-22T10:00:00.000Z',
      },
    };
    const eventId = randomUUID();
    await route(event, eventId);
    await route(event, eventId); // relayed twice
    const box = await inbox(pm);
    const mine = box.items.filter((n) => n.title === 'Your round funnel report is ready');
    expect(mine).toHaveLength(1);
    expect(JSON.stringify(mine[0])).toContain(`/reports/${reportId}`);
    expect((await inbox(sponsor)).items).toHaveLength(0);
  });

  it('tells every sponsor member of the organisation a weekly digest was built for', async () => {
    await route({
      action: 'report.ready',
      programmeId: null,
      entityType: 'report',
      entityId: randomUUID(),
      data: {
        kind: 'sponsor_digest',
        requesterUserId: null,
        requesterOrganisationId: sponsor.organisationId,
        expiresAt: '2027-01-22T10:00:00.000Z',
      },
    });
    for (const who of [sponsor, colleague]) {
      const titles = (await inbox(who)).items.map((n) => n.title);
      expect(titles).toContain('Your weekly sponsor digest report is ready');
    }
  });

  it('tells each company about its own application’s feedback only', async () => {
    const round = await h.make.round({ status: 'exploration' });
    const challenge = await h.make.challenge(round, { title: 'Quieter bin lorries' });
    const a = await h.make.startupMember();
    const b = await h.make.startupMember();
    const c = await h.make.startupMember(); // applied too, but not in this release
    const appA = await h.make.application(challenge, { startupOrganisationId: a.organisationId });
    const appB = await h.make.application(challenge, { startupOrganisationId: b.organisationId });
    await h.make.application(challenge, { startupOrganisationId: c.organisationId });
    await route({
      action: 'challenge.feedback_released',
      programmeId: round.programmeId,
      entityType: 'challenge',
      entityId: challenge.id,
      data: { applicationIds: [appA.id, appB.id] },
    });
    const boxA = await inbox(a);
    expect(boxA.items.map((n) => n.title)).toEqual([
      'Feedback on your application: Quieter bin lorries',
    ]);
    expect(JSON.stringify(boxA.items)).toContain(`/applications/${appA.id}/feedback`);
    expect(JSON.stringify(boxA.items)).not.toContain(appB.id);
    expect((await inbox(b)).items).toHaveLength(1);
    expect((await inbox(c)).items).toHaveLength(0);
  });
});
