import ical, { type VEvent } from 'node-ical';
import { DateTime } from 'luxon';
import { ApplicationsFactory, Harness, acceleratorTeam, addMilestone } from '@catalyst/testing';

describe('the personal calendar feed', () => {
  const h = new Harness({ env: { PUBLIC_URL: 'https://catalyst.example.org' } });
  const apps = new ApplicationsFactory(h);

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
  });
  afterAll(() => h.teardown());

  const feedOf = async (calendarUrl: string) => {
    const url = new URL(calendarUrl);
    const res = await h.http().get(`${url.pathname}${url.search}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    return Object.values(ical.sync.parseICS(res.text)).filter(
      (c): c is VEvent => c?.type === 'VEVENT',
    );
  };

  it('carries the deadlines of rounds the company applies to, right in London and New York', async () => {
    const london = await apps.round({ closesAt: new Date('2027-04-01T11:00:00Z') }); // 12:00 BST
    const newYork = await apps.round({
      timezone: 'America/New_York',
      closesAt: new Date('2027-03-10T22:00:00Z'),
    }); // 17:00 EST
    const founder = await h.make.startupMember();
    await apps.draft(founder, (await apps.challenge(london)).id);
    await apps.draft(founder, (await apps.challenge(newYork)).id);

    const me = await h.http().get('/api/v1/me').set('authorization', founder.bearer).expect(200);
    expect(me.body.calendarUrl).toMatch(
      /^https:\/\/catalyst\.example\.org\/api\/v1\/calendar\.ics\?token=/,
    );
    const events = await feedOf(me.body.calendarUrl);
    const byUid = new Map(events.map((e) => [e.uid, e]));
    const l = byUid.get(`round-closes-${london.id}@catalyst.example.org`)!;
    const n = byUid.get(`round-closes-${newYork.id}@catalyst.example.org`)!;
    expect(new Date(l.start).toISOString()).toBe('2027-04-01T11:00:00.000Z');
    expect(
      DateTime.fromJSDate(new Date(l.start)).setZone('Europe/London').toFormat('yyyy-MM-dd HH:mm'),
    ).toBe('2027-04-01 12:00');
    expect(new Date(n.start).toISOString()).toBe('2027-03-10T22:00:00.000Z');
    expect(
      DateTime.fromJSDate(new Date(n.start))
        .setZone('America/New_York')
        .toFormat('yyyy-MM-dd HH:mm'),
    ).toBe('2027-03-10 17:00');
    expect(l.description).toContain('12:00 BST');
    expect(n.description).toContain('17:00 EST');

    // Stable UIDs: the same feed again names the same entries.
    expect((await feedOf(me.body.calendarUrl)).map((e) => e.uid).sort()).toEqual(
      events.map((e) => e.uid).sort(),
    );
  });

  it('gives a team its milestones as all-day dates, and a revoked URL stops working', async () => {
    const { team, member, sponsor } = await acceleratorTeam(h);
    await addMilestone(h, member, team.id, { dueOn: '2027-05-14', title: 'Pilot' });
    for (const person of [member, sponsor]) {
      const me = await h.http().get('/api/v1/me').set('authorization', person.bearer).expect(200);
      const [due] = (await feedOf(me.body.calendarUrl)).filter(
        (e) => e.summary === 'Milestone due: Pilot',
      );
      expect(due.datetype).toBe('date');
      expect(DateTime.fromJSDate(new Date(due.start)).toFormat('yyyy-MM-dd')).toBe('2027-05-14');
    }
    const me = await h.http().get('/api/v1/me').set('authorization', member.bearer).expect(200);
    const revoked = await h
      .http()
      .post('/api/v1/me/calendar/revoke')
      .set('authorization', member.bearer)
      .expect(200);
    expect(revoked.body.calendarUrl).not.toBe(me.body.calendarUrl);
    const old = new URL(me.body.calendarUrl);
    const res = await h.http().get(`${old.pathname}${old.search}`).expect(404);
    expect(res.body.code).toBe('calendar_feed.not_found');
    await feedOf(revoked.body.calendarUrl);
    await h.http().get('/api/v1/calendar.ics?token=nonsense').expect(404);
  });
});
