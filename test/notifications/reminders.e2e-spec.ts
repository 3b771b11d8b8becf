import { INestApplicationContext } from '@nestjs/common';
import { ReminderScanHandler } from '@catalyst/notifications';
import {
  ApplicationsFactory,
  Harness,
  TestUser,
  acceleratorTeam,
  addMilestone,
} from '@catalyst/testing';

/**
 * Reminders are declarative rules evaluated by a recurring scan; each reaches each person
 * once per occasion however many workers scan, however often, with the clock moved about.
 */
describe('reminders', () => {
  const h = new Harness();
  const apps = new ApplicationsFactory(h);
  let workers: INestApplicationContext[];
  let pm: TestUser;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    workers = [await h.startWorker(), await h.startWorker()];
    pm = await h.make.programmeManager();
  });
  afterAll(() => h.teardown());

  /** Both workers scan at once, twice over. */
  const scanEverywhere = async () => {
    for (let i = 0; i < 2; i++) {
      await Promise.all(workers.map((w) => w.get(ReminderScanHandler).handle()));
    }
    await h.drainQueues(60_000);
  };

  const kinds = async (user: TestUser, kind: string) => {
    const res = await h
      .http()
      .get('/api/v1/notifications?limit=200')
      .set('authorization', user.bearer)
      .expect(200);
    return (res.body.items as { kind: string; title: string }[]).filter((n) => n.kind === kind);
  };

  it('reminds companies with a draft 7 days and 1 day before the deadline, in the round’s zone, once each', async () => {
    // Closes 2027-02-01 12:00 London (GMT); the harness clock starts 2027-01-15 09:00Z.
    const round = await apps.round();
    const challenge = await apps.challenge(round);
    const drafting = await h.make.startupMember();
    const colleague = await h.make.startupMember(drafting.organisationId);
    const done = await h.make.startupMember();
    await apps.draft(drafting, challenge.id);
    await apps.submitted(done, challenge.id);

    await scanEverywhere();
    expect(await kinds(drafting, 'application-deadline')).toEqual([]);

    h.clock.set('2027-01-25T11:59:00Z'); // a minute before "7 days before"
    await scanEverywhere();
    expect(await kinds(drafting, 'application-deadline')).toEqual([]);

    h.clock.set('2027-01-25T12:00:00Z');
    await scanEverywhere();
    h.clock.set('2027-01-27T08:00:00Z'); // later scans, same occasion
    await scanEverywhere();
    for (const person of [drafting, colleague]) {
      expect((await kinds(person, 'application-deadline')).map((n) => n.title)).toEqual([
        `7 days left to submit: ${round.name}`,
      ]);
    }
    expect(await kinds(done, 'application-deadline')).toEqual([]);

    h.clock.set('2027-01-31T12:30:00Z');
    await scanEverywhere();
    h.clock.set('2027-01-25T12:00:00Z'); // the clock re-evaluated backwards: nothing new
    await scanEverywhere();
    expect((await kinds(drafting, 'application-deadline')).map((n) => n.title)).toEqual([
      `One day left to submit: ${round.name}`,
      `7 days left to submit: ${round.name}`,
    ]);
    const [{ n }] = await h
      .dataSource()
      .query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM notification_deliveries WHERE rule = 'application-deadline' AND recipient = $1`,
        [`user:${drafting.id}`],
      );
    expect(n).toBe(2);
  });

  it('tells the team and its sponsor a milestone is due soon, then overdue the day after and weekly', async () => {
    const { team, member, sponsor } = await acceleratorTeam(h, { pm });
    const milestone = await addMilestone(h, member, team.id, { dueOn: '2027-05-14' });

    h.clock.set('2027-05-10T12:00:00Z'); // four days before
    await scanEverywhere();
    expect(await kinds(member, 'milestone-due-soon')).toEqual([]);

    h.clock.set('2027-05-11T08:00:00Z'); // three days before, in London
    await scanEverywhere();
    h.clock.set('2027-05-14T20:00:00Z');
    await scanEverywhere();
    for (const person of [member, sponsor]) {
      expect(await kinds(person, 'milestone-due-soon')).toHaveLength(1);
      expect(await kinds(person, 'milestone-overdue')).toEqual([]);
    }

    // 23:30 UTC on the 14th is already the 15th in London (BST): the day after.
    h.clock.set('2027-05-14T23:30:00Z');
    await scanEverywhere();
    expect(await kinds(member, 'milestone-overdue')).toHaveLength(1);
    h.clock.set('2027-05-21T12:00:00Z'); // 7 days late: still the first week
    await scanEverywhere();
    expect(await kinds(member, 'milestone-overdue')).toHaveLength(1);
    h.clock.set('2027-05-22T12:00:00Z'); // 8 days late: a week after the first
    await scanEverywhere();
    expect(await kinds(sponsor, 'milestone-overdue')).toHaveLength(2);
    expect(milestone.id).toBeDefined();
  });

  it('runs as a recurring job under one stable scheduler key', async () => {
    const worker = await h.startWorker({ registerSchedules: true });
    const schedulers = await h.producer().queue('notifications').getJobSchedulers();
    expect(schedulers).toEqual([
      expect.objectContaining({ key: 'reminder-scan', name: 'reminder-scan', every: 3_600_000 }),
    ]);
    await worker.close();
    h.workers.splice(h.workers.indexOf(worker), 1);
    await h.producer().queue('notifications').removeJobScheduler('reminder-scan');
  });
});
