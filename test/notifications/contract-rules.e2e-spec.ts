import { INestApplicationContext } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { ReminderScanHandler, RouteEventHandler, type RoutedEvent } from '@catalyst/notifications';
import {
  Harness,
  TestUser,
  acceleratorTeam,
  amendContract,
  awardedContract,
  createContract,
  expectStatus,
  gbp,
  moveContract,
  payContract,
} from '@catalyst/testing';
import { MailServer, WebhookReceiver, eventually, type ReceivedHook } from './test-servers';

/**
 * The contract rules: the award is told to the startup (and to the buyer when a programme
 * manager awarded it for them), the end of a contract is a reminder 90 and 30 days before
 * (buyer and the programme's managers, in the programme's time zone, again after an
 * extension), and contract events reach by webhook only organisations that may see the
 * contract.
 */
describe('contract notifications, reminders and webhooks', () => {
  const mail = new MailServer();
  const env: Record<string, string> = { PUBLIC_URL: 'https://catalyst.example.org' };
  const h = new Harness({ env });
  let worker: INestApplicationContext;
  let pm: TestUser;

  beforeAll(async () => {
    await mail.start();
    env.SMTP_URL = mail.url;
    await h.setup();
    await h.startApi();
    worker = await h.startWorker();
    pm = await h.make.programmeManager();
  });
  afterAll(async () => {
    await h.teardown();
    await mail.stop();
  });

  const inbox = async (user: TestUser, kind: string, subjectId?: string) => {
    const res = await h
      .http()
      .get('/api/v1/notifications?limit=200')
      .set('authorization', user.bearer)
      .expect(200);
    return (
      res.body.items as { kind: string; title: string; body: string; subjectId: string }[]
    ).filter((n) => n.kind === kind && (!subjectId || n.subjectId === subjectId));
  };

  it('tells the startup’s members once, in-app and by e-mail, that their contract was awarded; the buyer when a programme manager awarded it for them', async () => {
    const x = await acceleratorTeam(h, { pm });
    const colleague = await h.make.startupMember(x.team.startupOrganisationId);
    const base = {
      buyerOrganisationId: x.team.sponsorOrganisationId,
      startupOrganisationId: x.team.startupOrganisationId,
      teamId: x.team.id,
      title: 'Culvert sensors for the council',
    };
    const forBuyer = await awardedContract(h, pm, base);
    await h.drainQueues(60_000);

    // Relayed twice: still told once.
    const [{ payload }] = await h.dataSource().query<{ payload: RoutedEvent }[]>(
      `SELECT payload FROM outbox_events
          WHERE job_name = 'route-event' AND event = 'contract.awarded' AND payload->>'entityId' = $1`,
      [forBuyer.id],
    );
    await worker.get(RouteEventHandler).handle(payload);
    await h.drainQueues(60_000);

    for (const person of [x.member, colleague]) {
      const told = await inbox(person, 'contract-awarded', forBuyer.id);
      expect(told).toHaveLength(1);
      expect(told[0].title).toBe('Contract awarded: Culvert sensors for the council');
      expect(told[0].body).toContain(`(reference ${forBuyer.reference})`);
      expect(told[0].body).toContain(
        'It is worth £10,000.00 and runs from Friday 1 January 2027 to Friday 31 December 2027.',
      );
      const [message] = await eventually(
        () => mail.to(person.email),
        (m) => m.length === 1,
      );
      expect(message.subject).toBe('Contract awarded: Culvert sensors for the council');
      expect(message.text).toContain(`https://catalyst.example.org/contracts/${forBuyer.id}`);
      // Essential: no way to unsubscribe from it.
      expect(message.headerLines.map((l) => l.key)).not.toContain('list-unsubscribe');
    }
    const [{ name: buyerName }] = await h
      .dataSource()
      .query<{ name: string }[]>('SELECT name FROM organisations WHERE id = $1', [
        x.team.sponsorOrganisationId,
      ]);
    expect(
      (await inbox(x.sponsor, 'contract-awarded-for-buyer', forBuyer.id)).map((n) => n.title),
    ).toEqual([`Contract awarded for ${buyerName}: Culvert sensors for the council`]);
    expect(await inbox(x.sponsor, 'contract-awarded')).toEqual([]);

    // The buyer awarding it itself knows already: only the startup is told.
    const byBuyer = await awardedContract(h, x.sponsor, { ...base, title: 'Year two' });
    await h.drainQueues(60_000);
    expect(await inbox(x.member, 'contract-awarded', byBuyer.id)).toHaveLength(1);
    expect(await inbox(x.sponsor, 'contract-awarded-for-buyer', byBuyer.id)).toEqual([]);
    const [{ n }] = await h.dataSource().query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM notification_deliveries
          WHERE rule = 'contract-awarded' AND subject = $1`,
      [`contract:${forBuyer.id}`],
    );
    expect(n).toBe(4); // two people, in-app and e-mail
  });

  it('sends contract events by webhook to the organisations that may see the contract, never to another', async () => {
    const x = await acceleratorTeam(h, { pm });
    const buyerHooks = await new WebhookReceiver().start();
    const startupHooks = await new WebhookReceiver().start();
    const strangerHooks = await new WebhookReceiver().start();
    try {
      const register = async (user: TestUser, organisationId: string, url: string) =>
        expectStatus(
          await h
            .http()
            .post(`/api/v1/organisations/${organisationId}/webhooks`)
            .set('authorization', user.bearer)
            .send({ url, events: ['contract.*', 'contract_payment.*'] }),
          201,
        ).body as { id: string; secret: string };
      const buyer = await register(x.sponsor, x.team.sponsorOrganisationId, buyerHooks.url());
      await register(x.member, x.team.startupOrganisationId, startupHooks.url());
      // Another sponsor, another company, and the operator of another programme.
      const otherSponsor = await h.make.sponsor();
      const otherCompany = await h.make.startupMember();
      const otherProgramme = await h.make.programme();
      const otherPm = await h.make.programmeManager(otherProgramme.operatorOrganisationId);
      const strangers = [
        await register(otherSponsor, otherSponsor.organisationId, strangerHooks.url('/sponsor')),
        await register(otherCompany, otherCompany.organisationId, strangerHooks.url('/company')),
        await register(otherPm, otherProgramme.operatorOrganisationId, strangerHooks.url('/pm')),
      ];

      const contract = await awardedContract(h, x.sponsor, {
        buyerOrganisationId: x.team.sponsorOrganisationId,
        startupOrganisationId: x.team.startupOrganisationId,
        teamId: x.team.id,
      });
      expectStatus(await payContract(h, x.sponsor, contract.id, gbp(250_000)), 201);
      await h.drainQueues(60_000);

      const verify = (secret: string, hook: ReceivedHook) =>
        new Webhook(secret).verify(hook.body, {
          'webhook-id': String(hook.headers['webhook-id']),
          'webhook-timestamp': String(hook.headers['webhook-timestamp']),
          'webhook-signature': String(hook.headers['webhook-signature']),
        }) as { type: string; data: { entityType: string; id: string; details: object } };
      const received = await eventually(
        () => buyerHooks.received,
        (r) => r.length === 2,
      );
      const events = received.map((hook) => verify(buyer.secret, hook));
      expect(events.map((e) => e.type).sort()).toEqual([
        'contract.awarded',
        'contract_payment.recorded',
      ]);
      expect(events.find((e) => e.type === 'contract.awarded')).toMatchObject({
        data: {
          entityType: 'contract',
          id: contract.id,
          details: { reference: contract.reference },
        },
      });
      expect(events.find((e) => e.type === 'contract_payment.recorded')).toMatchObject({
        data: {
          entityType: 'contract_payment',
          details: { contractId: contract.id, amount: gbp(250_000) },
        },
      });
      // The startup may see its contract, so its endpoint hears too.
      await eventually(
        () => startupHooks.received,
        (r) => r.length === 2,
      );

      expect(strangerHooks.received).toEqual([]);
      const [{ n }] = await h
        .dataSource()
        .query<{ n: number }[]>(
          'SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = ANY($1::uuid[])',
          [strangers.map((s) => s.id)],
        );
      expect(n).toBe(0);
    } finally {
      await Promise.all([buyerHooks.stop(), startupHooks.stop(), strangerHooks.stop()]);
    }
  });

  it('reminds the buyer and the programme’s managers 90 and 30 days before a contract ends, in the programme’s zone, once each, again after an extension, never for a terminated one', async () => {
    // Two contracts ending on 31 December 2027: one in London (the default programme), one
    // in a programme run from New York, whose days start five hours later.
    const london = await acceleratorTeam(h, { pm });
    const newYork = await h.make.programme({ timezone: 'America/New_York' });
    const newYorkPm = await h.make.programmeManager(newYork.operatorOrganisationId);
    const ny = await acceleratorTeam(h, {
      pm: newYorkPm,
      round: await h.make.round({
        programmeId: newYork.id,
        status: 'accelerator',
        closedAt: new Date('2027-02-01T12:00:00Z'),
      }),
    });
    const partiesOf = (x: typeof london) => ({
      buyerOrganisationId: x.team.sponsorOrganisationId,
      startupOrganisationId: x.team.startupOrganisationId,
      teamId: x.team.id,
    });
    const ending = await awardedContract(h, london.sponsor, partiesOf(london));
    const elsewhere = await awardedContract(h, ny.sponsor, partiesOf(ny));
    const ended = await awardedContract(h, london.sponsor, partiesOf(london));
    await moveContract(
      h,
      london.sponsor,
      ended.id,
      'terminated',
      'The service is no longer needed',
    );
    const draft = await createContract(h, london.sponsor, partiesOf(london));
    await h.drainQueues(60_000);

    const scanTwice = async () => {
      for (let i = 0; i < 2; i++) await worker.get(ReminderScanHandler).handle();
      await h.drainQueues(60_000);
    };
    const titles = async (user: TestUser, contractId: string) =>
      (await inbox(user, 'contract-ending', contractId)).map((n) => n.title);

    h.clock.set('2027-10-01T22:59:00Z'); // 23:59 on 1 October in London: 91 days left
    await scanTwice();
    expect(await titles(london.sponsor, ending.id)).toEqual([]);

    h.clock.set('2027-10-02T02:00:00Z'); // 2 October in London, still 1 October in New York
    await scanTwice();
    h.clock.set('2027-10-20T12:00:00Z'); // later scans, same occasion
    await scanTwice();
    for (const person of [london.sponsor, pm]) {
      expect(await titles(person, ending.id)).toEqual([
        'Contract ends in 90 days: Culvert sensors, year one',
      ]);
    }
    expect(await titles(london.member, ending.id)).toEqual([]);
    expect(await titles(newYorkPm, ending.id)).toEqual([]);
    expect((await inbox(ny.sponsor, 'contract-ending', elsewhere.id)).length).toBe(1);

    h.clock.set('2027-12-01T12:00:00Z'); // 30 days left
    await scanTwice();
    h.clock.set('2027-12-31T12:00:00Z'); // the last day: still that occasion
    await scanTwice();
    expect(await titles(pm, ending.id)).toEqual([
      'Contract ends in 30 days: Culvert sensors, year one',
      'Contract ends in 90 days: Culvert sensors, year one',
    ]);
    for (const person of [ny.sponsor, newYorkPm]) {
      expect(await titles(person, elsewhere.id)).toHaveLength(2);
    }
    expect(await titles(pm, elsewhere.id)).toEqual([]);

    // Extended to the end of March 2028: the new end earns its own reminders.
    h.clock.set('2027-12-20T12:00:00Z');
    expectStatus(
      await amendContract(h, london.sponsor, ending.id, {
        kind: 'extension',
        endsOn: '2028-03-31',
      }),
      201,
    );
    await scanTwice(); // 102 days left: nothing yet
    expect(await titles(london.sponsor, ending.id)).toHaveLength(2);
    h.clock.set('2028-01-01T12:00:00Z'); // 90 days before 31 March 2028
    await scanTwice();
    const [latest] = await inbox(london.sponsor, 'contract-ending', ending.id);
    expect(latest.title).toBe('Contract ends in 90 days: Culvert sensors, year one');
    expect(latest.body).toContain('ends on Friday 31 March 2028');
    expect(await titles(london.sponsor, ending.id)).toHaveLength(3);

    // Neither the terminated contract nor the draft was ever a reminder.
    const [{ n }] = await h.dataSource().query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM notification_deliveries
          WHERE rule = 'contract-ending' AND subject = ANY($1::text[])`,
      [[`contract:${ended.id}`, `contract:${draft.id}`]],
    );
    expect(n).toBe(0);
  });
});
