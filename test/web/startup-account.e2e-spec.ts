import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Notification } from '@catalyst/notifications';
import {
  Harness,
  acceleratorTeam,
  addMilestone,
  expectStatus,
  movePlan,
  type AcceleratorTeam,
  type TestUser,
} from '../support';
import { WebClient, csrfTokenIn, hiddenValue, startWeb } from './support/web-app';

/**
 * The company's side of the web application over HTTP: inviting colleagues and joining by an
 * invitation, notifications, the team page (plan, milestones with an uploaded document,
 * progress updates) — and the refusals: field errors, a
 * missing CSRF token (multipart forms included), another company's team, no session.
 */
describe('the company’s account and team pages', () => {
  const h = new Harness();
  let web: NestFastifyApplication;
  let pm: TestUser;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    web = await startWeb(h);
    pm = await h.make.programmeManager();
  });
  afterAll(async () => {
    await web?.close();
    await h.teardown();
  });
  afterEach(() => h.clock.set('2027-01-15T09:00:00Z'));

  async function signedIn(user: TestUser): Promise<WebClient> {
    const client = new WebClient(web);
    await client.signIn(user.email, user.password);
    return client;
  }

  describe('colleagues', () => {
    it('invites a colleague, who follows the link, creates an account and joins the company', async () => {
      const founder = await h.make.startupMember();
      const client = await signedIn(founder);
      const page = await client.get('/account/colleagues').expect(200);
      expect(page.text).toContain(founder.email);

      const wrong = await client.submit('/account/colleagues', '/account/colleagues/invitations', {
        email: 'not an address',
        role: 'startup_member',
      });
      expect(wrong.status).toBe(400);
      expect(wrong.text).toContain('govuk-error-summary');
      expect(wrong.text).toContain('href="#email"');

      const email = `grace-${Date.now()}@example.test`;
      const invited = await client.submit(
        '/account/colleagues',
        '/account/colleagues/invitations',
        {
          email,
          role: 'startup_member',
        },
      );
      // No mail in tests: the page shows the link for the inviter to pass on.
      expect(invited.status).toBe(200);
      const link = /id="invitation-link">([^<]+)</.exec(invited.text)![1];
      expect(link).toMatch(/^\/invitations\/[A-Za-z0-9_-]+$/);
      expect((await client.get('/account/colleagues')).text).toContain(email);

      const invitee = new WebClient(web);
      const landing = await invitee.get(link).expect(200);
      expect(landing.text).toContain('Accept your invitation');
      const short = await invitee.submit(link, link, { name: 'Grace Hopper', password: 'short' });
      expect(short.status).toBe(400);
      expect(short.text).toContain('govuk-error-summary');
      const joined = await invitee.submit(link, link, {
        name: 'Grace Hopper',
        password: 'a long and memorable passphrase',
      });
      expect(joined.status).toBe(303);
      expect(joined.headers.location).toBe('/dashboard?joined=1');
      expect((await invitee.get('/dashboard?joined=1').expect(200)).text).toContain(
        'You have joined your colleagues',
      );
      const members = await client.get('/account/colleagues').expect(200);
      expect(members.text).toContain('Grace Hopper');
      // Used once: the link does not work again.
      const again = await invitee.submit(link, link, {
        name: 'Grace Hopper',
        password: 'a long and memorable passphrase',
      });
      expect(again.status).toBe(409);
    });

    it('cancels a pending invitation', async () => {
      const founder = await h.make.startupMember();
      const client = await signedIn(founder);
      const invited = await client.submit(
        '/account/colleagues',
        '/account/colleagues/invitations',
        {
          email: `later-${Date.now()}@example.test`,
          role: 'startup_member',
        },
      );
      const action = /action="(\/account\/colleagues\/invitations\/[0-9a-f-]+\/revoke)"/.exec(
        invited.text,
      )![1];
      const revoked = await client.submit('/account/colleagues', action, {
        version: hiddenValue(invited.text, 'version')!,
      });
      expect(revoked.status).toBe(303);
      const after = await client.get('/account/colleagues?revoked=1').expect(200);
      expect(after.text).toContain('No invitations are waiting');
    });
  });

  describe('notifications and account settings', () => {
    it('lists notifications newest first with the unread count in the header, and marks them read', async () => {
      const member = await h.make.startupMember();
      const repo = h.dataSource().getRepository(Notification);
      for (const [title, at] of [
        ['Older news', '2027-01-10T09:00:00Z'],
        ['Newer news', '2027-01-12T09:00:00Z'],
      ]) {
        await repo.insert({
          userId: member.id,
          kind: 'test',
          title,
          body: `${title} in full`,
          link: 'http://localhost:3000/dashboard',
          subjectType: 'user',
          subjectId: member.id,
          readAt: null,
          createdAt: new Date(at),
        });
      }
      const client = await signedIn(member);
      const page = await client.get('/notifications').expect(200);
      expect(page.text).toContain('Notifications (2 unread)');
      expect(page.text).toContain('You have 2 unread notifications.');
      expect(page.text.indexOf('Newer news')).toBeLessThan(page.text.indexOf('Older news'));
      const first = /action="(\/notifications\/[0-9a-f-]+\/read)"/.exec(page.text)![1];
      const opened = await client.submit('/notifications', first, {});
      expect(opened.status).toBe(303);
      expect(opened.headers.location).toBe('/dashboard');
      expect((await client.get('/notifications')).text).toContain('Notifications (1 unread)');
      const all = await client.submit('/notifications', '/notifications/read-all', {});
      expect(all.status).toBe(303);
      const none = await client.get('/notifications?marked=all').expect(200);
      expect(none.text).toContain('You have 0 unread notifications.');
      expect(none.text).not.toContain('unread)');
    });

    it('saves e-mail preferences and shows the calendar feed link', async () => {
      const member = await h.make.startupMember();
      const client = await signedIn(member);
      const page = await client.get('/account').expect(200);
      const feed = /id="calendar-link" href="([^"]+)"/.exec(page.text)![1];
      expect(feed).toContain('/api/v1/calendar.ics?token=');
      const saved = await client.submit('/account', '/account/email-preferences', {
        nonEssential: 'no',
      });
      expect(saved.status).toBe(303);
      const after = await client.get('/account?updated=emailPreferences').expect(200);
      expect(after.text).toMatch(/value="no" checked/);
      const revoked = await client.submit('/account', '/account/calendar/revoke', {});
      expect(revoked.status).toBe(303);
      const renewed = await client.get('/account').expect(200);
      expect(/id="calendar-link" href="([^"]+)"/.exec(renewed.text)![1]).not.toBe(feed);
    });
  });

  describe('the team page', () => {
    let x: AcceleratorTeam;

    beforeAll(async () => {
      x = await acceleratorTeam(h, { pm });
      const res = await h
        .http()
        .post(`/api/v1/rounds/${x.team.roundId}/sprints`)
        .set('authorization', pm.bearer)
        .send({ lengthDays: 14 });
      expectStatus(res, 201);
    });

    it('adds a milestone, proposes the plan, and once agreed submits the milestone with a link and a document', async () => {
      const client = await signedIn(x.member);
      const list = await client.get('/teams');
      expect(list.status).toBe(303);
      expect(list.headers.location).toBe(`/teams/${x.team.id}`);
      const newPath = `/teams/${x.team.id}/milestones/new`;
      const missing = await client.submit(newPath, `/teams/${x.team.id}/milestones`, {
        title: '',
        dueOn: '14 May',
      });
      expect(missing.status).toBe(400);
      expect(missing.text).toContain('href="#title"');
      expect(missing.text).toContain('href="#dueOn"');
      const added = await client.submit(newPath, `/teams/${x.team.id}/milestones`, {
        title: 'Pilot in three culverts',
        dueOn: '2027-05-14',
      });
      expect(added.status).toBe(303);
      const team = await client.get(`/teams/${x.team.id}`).expect(200);
      expect(team.text).toContain('Pilot in three culverts');
      const proposed = await client.submit(`/teams/${x.team.id}`, `/teams/${x.team.id}/plan`, {
        version: hiddenValue(team.text, 'version')!,
      });
      expect(proposed.status).toBe(303);
      expect((await client.get(`/teams/${x.team.id}`)).text).toContain('Proposed');
      await movePlan(h, x.sponsor, x.team.id, 'agreed');

      const milestoneId = /href="\/milestones\/([0-9a-f-]+)"/.exec(team.text)![1];
      const path = `/milestones/${milestoneId}`;
      const page = await client.get(path).expect(200);
      const token = csrfTokenIn(page.text);
      const version = hiddenValue(page.text, 'version')!;

      // A multipart form without its token is refused before the file is read.
      const forged = await client.agent
        .post(`${path}/submit`)
        .field('version', version)
        .field('evidenceUrls', 'https://example.org/pilot-report')
        .attach('document', Buffer.from('Pilot report\n'), {
          filename: 'pilot.txt',
          contentType: 'text/plain',
        });
      expect(forged.status).toBe(403);
      expect(forged.text).toContain('form');
      const bad = await client.agent
        .post(`${path}/submit`)
        .field('_csrf', token)
        .field('version', version)
        .field('evidenceUrls', 'not a link');
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('govuk-error-summary');
      expect(bad.text).toContain('href="#evidenceUrls"');
      expect((await client.get(path)).text).toContain('id="milestone-documents">None');

      const submitted = await client.agent
        .post(`${path}/submit`)
        .field('_csrf', token)
        .field('version', version)
        .field('evidenceUrls', 'https://example.org/pilot-report')
        .attach('document', Buffer.from('Pilot report: three culverts, all dry.\n'), {
          filename: 'pilot-report.txt',
          contentType: 'text/plain',
        });
      expect(submitted.status).toBe(303);
      const after = await client.get(path).expect(200);
      expect(after.text).toContain('id="milestone-status">Submitted');
      expect(after.text).toContain('pilot-report.txt');
      expect(after.text).toContain('https://example.org/pilot-report');
      const audit = await h
        .dataSource()
        .query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY at`, [milestoneId]);
      expect(audit.map((r: { action: string }) => r.action)).toContain('milestone.submitted');
    });

    it('writes a progress update for the sprint and changes it within 24 hours', async () => {
      h.clock.set('2027-04-16T09:00:00Z');
      const client = await signedIn(x.member);
      const form = `/teams/${x.team.id}/updates/new`;
      const empty = await client.submit(form, `/teams/${x.team.id}/updates`, { summary: '' });
      expect(empty.status).toBe(400);
      expect(empty.text).toContain('href="#rag"');
      expect(empty.text).toContain('href="#summary"');
      const saved = await client.submit(form, `/teams/${x.team.id}/updates`, {
        rag: 'amber',
        summary: 'Sensors late',
        blockers: 'Supplier',
        asksForHelp: 'An introduction to the roads team',
      });
      expect(saved.status).toBe(303);
      const team = await client.get(`/teams/${x.team.id}`).expect(200);
      expect(team.text).toContain('Sensors late');
      expect(team.text).toContain('Sprint 2');
      const edit = /href="(\/progress-updates\/[0-9a-f-]+)\/edit"/.exec(team.text)![1];
      const changed = await client.submit(`${edit}/edit`, edit, {
        version: hiddenValue((await client.get(`${edit}/edit`)).text, 'version')!,
        rag: 'green',
        summary: 'Sensors arrived',
      });
      expect(changed.status).toBe(303);
      expect((await client.get(`/teams/${x.team.id}`)).text).toContain('Sensors arrived');
      h.clock.advance(25 * 3600_000);
      const late = await client.get(`/teams/${x.team.id}`).expect(200);
      expect(late.text).not.toContain(`${edit}/edit`);
    });

    it('shows another company’s team and milestones to nobody (404), and sends the signed-out to sign in', async () => {
      const other = await acceleratorTeam(h, { pm });
      const theirs = await addMilestone(h, other.member, other.team.id);
      const client = await signedIn(x.member);
      await client.get(`/teams/${other.team.id}`).expect(404);
      await client.get(`/milestones/${theirs.id}`).expect(404);
      await client.get(`/teams/${other.team.id}/updates/new`).expect(404);
      const posted = await client.submit(`/teams/${x.team.id}`, `/teams/${other.team.id}/plan`, {});
      expect(posted.status).toBe(404);
      const anonymous = new WebClient(web);
      const away = await anonymous.get(`/teams/${x.team.id}`).expect(303);
      expect(away.headers.location).toBe(
        `/sign-in?next=${encodeURIComponent(`/teams/${x.team.id}`)}`,
      );
    });

    it('refuses a form post without its CSRF token', async () => {
      const client = await signedIn(x.member);
      const refused = await client.agent
        .post(`/teams/${x.team.id}/updates`)
        .type('form')
        .send({ rag: 'green', summary: 'Forged' });
      expect(refused.status).toBe(403);
    });
  });
});
