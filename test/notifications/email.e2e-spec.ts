import { DataSource } from 'typeorm';
import {
  ApplicationsFactory,
  Harness,
  TestUser,
  acceleratorTeam,
  addMilestone,
  agreePlan,
  moveMilestone,
  EVIDENCE,
} from '@catalyst/testing';
import { MailServer, eventually } from './test-servers';

/** E-mail through a real SMTP server the test runs, parsed back with mailparser. */
describe('notifications by e-mail', () => {
  const mail = new MailServer();
  const env: Record<string, string> = { PUBLIC_URL: 'https://catalyst.example.org' };
  const h = new Harness({ env });
  const apps = new ApplicationsFactory(h);
  let pm: TestUser;

  beforeAll(async () => {
    await mail.start();
    env.SMTP_URL = mail.url;
    await h.setup();
    await h.startApi();
    await h.startWorker();
    pm = await h.make.programmeManager();
  });
  afterAll(async () => {
    await h.teardown();
    await mail.stop();
  });

  const deliveries = (rule: string) =>
    h
      .dataSource()
      .query<{ recipient: string; channel: string; status: string; attempts: number }[]>(
        `SELECT recipient, channel, status, attempts FROM notification_deliveries WHERE rule = $1 ORDER BY channel, recipient`,
        [rule],
      );

  it('sends the company a receipt on submission, in text and HTML, linking from PUBLIC_URL, in-app too', async () => {
    const challenge = await apps.challenge(await apps.round());
    const founder = await h.make.startupMember();
    const colleague = await h.make.startupMember(founder.organisationId);
    const app = await apps.submitted(founder, challenge.id);
    await h.drainQueues(60_000);

    for (const person of [founder, colleague]) {
      const [message] = await eventually(
        () => mail.to(person.email),
        (m) => m.length === 1,
      );
      expect(message.subject).toBe(`Application received: ${challenge.title}`);
      expect(message.text).toContain(`Hello ${person.name},`);
      expect(message.text).toContain(`https://catalyst.example.org/applications/${app.id}`);
      expect(message.html).toContain(`href="https://catalyst.example.org/applications/${app.id}"`);
      // Essential: no way to unsubscribe from it.
      expect(message.headerLines.map((l) => l.key)).not.toContain('list-unsubscribe');
      const inbox = await h
        .http()
        .get('/api/v1/notifications')
        .set('authorization', person.bearer)
        .expect(200);
      expect(inbox.body.unread).toBe(1);
      expect(inbox.body.items[0]).toMatchObject({
        kind: 'application-submitted',
        subjectType: 'application',
        subjectId: app.id,
        read: false,
        link: `https://catalyst.example.org/applications/${app.id}`,
      });
    }
    // Recorded before the job completed: sent, once per person and channel.
    expect((await deliveries('application-submitted')).map((d) => [d.channel, d.status])).toEqual([
      ['email', 'sent'],
      ['email', 'sent'],
      ['in_app', 'sent'],
      ['in_app', 'sent'],
    ]);
  });

  it('retries an e-mail the SMTP server refused, then sends it once', async () => {
    const challenge = await apps.challenge(await apps.round());
    const founder = await h.make.startupMember();
    mail.refuseNext = 1;
    await apps.submitted(founder, challenge.id);
    await eventually(
      () => mail.to(founder.email),
      (m) => m.length === 1,
    );
    await h.drainQueues(60_000);
    expect(mail.to(founder.email)).toHaveLength(1);
    const [row] = await h
      .dataSource()
      .query<{ status: string; attempts: number; last_error: string | null }[]>(
        `SELECT status, attempts, last_error FROM notification_deliveries WHERE channel = 'email' AND recipient = $1`,
        [`user:${founder.id}`],
      );
    expect(row).toEqual({ status: 'sent', attempts: 2, last_error: null });
  });

  it('honours a person’s preference: non-essential mail stops, essential mail still comes', async () => {
    const { team, member, sponsor } = await acceleratorTeam(h, { pm });
    const optedIn = await h.make.sponsor(team.sponsorOrganisationId);
    await h
      .http()
      .patch('/api/v1/me')
      .set('authorization', sponsor.bearer)
      .send({ emailPreferences: { nonEssential: false } })
      .expect(200)
      .expect((res) => expect(res.body.emailPreferences).toEqual({ nonEssential: false }));
    const milestone = await addMilestone(h, member, team.id);
    await agreePlan(h, member, sponsor, team.id);
    await moveMilestone(h, member, milestone.id, 'submitted', EVIDENCE);
    await h.drainQueues(60_000);

    const [toOptedIn] = await eventually(
      () => mail.to(optedIn.email),
      (m) => m.length === 1,
    );
    expect(toOptedIn.subject).toBe(`Milestone ready for your review: ${milestone.title}`);
    expect(toOptedIn.headerLines.find((l) => l.key === 'list-unsubscribe')?.line).toBe(
      'List-Unsubscribe: <https://catalyst.example.org/account/notifications>',
    );
    expect(toOptedIn.text).toContain('turn off e-mails like this one');
    expect(mail.to(sponsor.email)).toHaveLength(0);
    const rows = await h
      .dataSource()
      .query<{ status: string }[]>(
        `SELECT status FROM notification_deliveries WHERE rule = 'milestone-submitted' AND channel = 'email' AND recipient = $1`,
        [`user:${sponsor.id}`],
      );
    expect(rows).toEqual([{ status: 'suppressed' }]);
    // In-app still tells them.
    const inbox = await h
      .http()
      .get('/api/v1/notifications')
      .set('authorization', sponsor.bearer)
      .expect(200);
    expect(inbox.body.items.map((n: { kind: string }) => n.kind)).toContain('milestone-submitted');

    // An essential e-mail (a decision) reaches a company member who opted out.
    const challenge = await apps.challenge(await apps.round());
    const founder = await h.make.startupMember();
    await h
      .http()
      .patch('/api/v1/me')
      .set('authorization', founder.bearer)
      .send({ emailPreferences: { nonEssential: false } })
      .expect(200);
    const app = await apps.submitted(founder, challenge.id);
    await apps.move(pm, app.id, 'ineligible', 'Outside the challenge’s scope').expect(200);
    await h.drainQueues(60_000);
    const titles = (
      await eventually(
        () => mail.to(founder.email),
        (m) => m.length === 2,
      )
    ).map((m) => m.subject);
    expect(titles.sort()).toEqual([
      `Application received: ${challenge.title}`,
      `Decision on your application: ${challenge.title}`,
    ]);
  });

  it('e-mails an invitation to the invitee, with the token link, and keeps no token once sent', async () => {
    const council = await h.make.organisation('sponsor');
    const res = await h
      .http()
      .post(`/api/v1/organisations/${council.id}/invitations`)
      .set('authorization', pm.bearer)
      .send({ email: 'new.person@council.example', role: 'sponsor' })
      .expect(201);
    // In test mode the answer still carries the token (so the inviter could pass it on).
    const token = res.body.token as string;
    const [message] = await eventually(
      () => mail.to('new.person@council.example'),
      (m) => m.length === 1,
    );
    expect(message.subject).toBe(`You are invited to join ${council.name} on Catalyst`);
    expect(message.text).toContain(`https://catalyst.example.org/invitations/${token}`);
    await h.drainQueues(60_000);
    const [row] = await h
      .api!.get(DataSource)
      .query<{ status: string; email_text: string | null }[]>(
        `SELECT status, email_text FROM notification_deliveries WHERE rule = 'invitation'`,
      );
    expect(row).toEqual({ status: 'sent', email_text: null });
    const [audit] = await h
      .dataSource()
      .query<{ data: { delivery: string } }[]>(
        `SELECT data FROM audit_events WHERE action = 'invitation.created' AND entity_id = $1`,
        [res.body.id],
      );
    expect(audit.data.delivery).toBe('queued');
  });
});
