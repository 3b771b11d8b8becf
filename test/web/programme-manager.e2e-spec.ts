import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Harness } from '../support/harness';
import { countQueries } from '../support/query-counter';
import { WebClient, hiddenValue, startWeb } from './support/web-app';

const random = () => Math.random().toString(36).slice(2, 8);

/** The programme manager's console, through the pages, as the signed-in manager. */
describe('the programme manager’s console', () => {
  const h = new Harness();
  let web: NestFastifyApplication;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    web = await startWeb(h);
  });
  afterAll(async () => {
    await web?.close();
    await h.teardown();
  });

  async function signedInManager() {
    const pm = await h.make.programmeManager();
    const client = new WebClient(web);
    await client.signIn(pm.email, pm.password);
    return { pm, client };
  }

  it('shows the manager’s rounds with their counts, and what needs attention', async () => {
    const round = await h.make.round({ name: 'Dashboard round', status: 'assessment' });
    const challenge = await h.make.challenge(round, { title: 'Flooded culverts' });
    const application = await h.make.application(challenge);
    await h.make.assessments(application.id, ['submitted', 'assigned']);
    await h.make.challenge(round, {
      title: 'Proposed one',
      status: 'submitted',
      publishedAt: null,
    });
    const { client } = await signedInManager();
    const res = await client.get('/manage').expect(200);
    expect(res.text).toContain('Dashboard round');
    expect(res.text).toContain('Flooded culverts: 1 assessment not yet submitted');
    expect(res.text).toContain('Proposed one: proposed, waiting for your approval');
    expect(res.text).toContain('href="/admin/queues"');
  });

  it('never shows another programme’s rounds, and answers 404 for them', async () => {
    const other = await h.make.programme();
    const round = await h.make.round({ name: 'Elsewhere round', programmeId: other.id });
    const { client } = await signedInManager();
    expect((await client.get('/manage').expect(200)).text).not.toContain('Elsewhere round');
    await client.get(`/manage/rounds/${round.id}`).expect(404);
  });

  it('refuses the console to a startup member', async () => {
    const member = await h.make.startupMember();
    const client = new WebClient(web);
    await client.signIn(member.email, member.password);
    await client.get('/manage').expect(403);
  });

  it('sets up a round from its form, naming each field the domain refuses', async () => {
    const { client } = await signedInManager();
    const refused = await client.submit('/manage/rounds/new', '/manage/rounds', {
      name: '',
      timezone: 'Europe/London',
      opensAtDate: '2027-03-01',
      opensAtTime: '09:00',
      closesAtDate: '2027-02-01',
      closesAtTime: '12:00',
      acceleratorStartsOn: '2027-05-01',
      acceleratorEndsOn: '2027-08-01',
      blindReview: 'no',
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('govuk-error-summary');
    expect(refused.text).toContain('href="#name"');

    const created = await client.submit('/manage/rounds/new', '/manage/rounds', {
      name: 'Round from the form',
      timezone: 'Europe/Stockholm',
      opensAtDate: '2027-02-01',
      opensAtTime: '09:00',
      closesAtDate: '2027-03-15',
      closesAtTime: '12:00',
      acceleratorStartsOn: '2027-05-03',
      acceleratorEndsOn: '2027-08-20',
      blindReview: 'yes',
    });
    expect(created.status).toBe(303);
    const page = await client.get(created.headers.location).expect(200);
    expect(page.text).toContain('Round from the form');
    const [row] = await h.ownerQuery<{ closes_at: Date; blind_review: boolean }>(
      `SELECT closes_at, blind_review FROM rounds WHERE name = 'Round from the form'`,
    );
    // 12:00 in Stockholm in March (CET) is 11:00 UTC.
    expect(new Date(row.closes_at).toISOString()).toBe('2027-03-15T11:00:00.000Z');
    expect(row.blind_review).toBe(true);
  });

  it('asks for a reason to move an open call’s deadline, and records it', async () => {
    const round = await h.make.round({ status: 'open' });
    const { client } = await signedInManager();
    const page = `/manage/rounds/${round.id}/dates`;
    const fields = {
      version: '1',
      opensAtDate: '2027-01-01',
      opensAtTime: '09:00',
      closesAtDate: '2027-02-08',
      closesAtTime: '12:00',
    };
    const refused = await client.submit(page, page, fields);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('href="#reason"');
    const moved = await client.submit(page, page, { ...fields, reason: 'Half-term week' });
    expect(moved.status).toBe(303);
    const events = await h.ownerQuery<{ reason: string }>(
      `SELECT reason FROM audit_events WHERE entity_id = $1 AND action LIKE 'round.%'`,
      [round.id],
    );
    expect(events.map((e) => e.reason)).toContain('Half-term week');
  });

  it('approves and publishes a proposed challenge, and wants a reason to send one back', async () => {
    const round = await h.make.round({ status: 'open' });
    const challenge = await h.make.challenge(round, { status: 'submitted', publishedAt: null });
    const { client } = await signedInManager();
    const page = `/manage/challenges/${challenge.id}`;
    const back = await client.submit(page, `${page}/move`, { to: 'draft', version: '1' });
    expect(back.status).toBe(400);
    expect(back.text).toContain('href="#reason"');
    const approve = await client.submit(page, `${page}/move`, { to: 'approved', version: '1' });
    expect(approve.status).toBe(303);
    const approved = await client.get(page).expect(200);
    const publish = await client.submit(page, `${page}/move`, {
      to: 'published',
      version: hiddenValue(approved.text, 'version')!,
    });
    expect(publish.status).toBe(303);
    expect((await client.get(page)).text).toContain('Published');
  });

  it('adds an assessor by e-mail, runs the balanced assignment and shows progress', async () => {
    const round = await h.make.round({ status: 'assessment' });
    const challenge = await h.make.challenge(round);
    await h.make.application(challenge);
    await h.make.application(challenge);
    const assessor = await h.make.assessor();
    const { client } = await signedInManager();
    const page = `/manage/challenges/${challenge.id}/panel`;
    const unknown = await client.submit(page, page, { email: 'nobody@example.test' });
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('Enter the e-mail address of an assessor’s account');
    expect((await client.submit(page, page, { email: assessor.email.toUpperCase() })).status).toBe(
      303,
    );
    const run = await client.submit(page, `/manage/challenges/${challenge.id}/assignment`, {
      perApplication: '1',
    });
    expect(run.status).toBe(303);
    const after = await client.get(run.headers.location).expect(200);
    expect(after.text).toContain('2 assessments assigned');
    expect(after.text).toContain('0 of 2 assessments submitted');
  });

  it('ranks, decides with a reason, and rejects all below a line, auditing each', async () => {
    const round = await h.make.round({ status: 'assessment' });
    const challenge = await h.make.challenge(round);
    const apps = [];
    for (let i = 0; i < 3; i += 1) {
      const application = await h.make.application(challenge);
      await h.make.assessments(application.id, ['submitted']);
      apps.push(application);
    }
    // Different marks: the first is best, then the second, then the third.
    await h.ownerQuery(
      `UPDATE assessment_scores s SET score = CASE a.application_id
         WHEN $1 THEN 9 WHEN $2 THEN 6 ELSE 3 END
        FROM assessments a WHERE a.id = s.assessment_id AND a.challenge_id = $3`,
      [apps[0].id, apps[1].id, challenge.id],
    );
    const { client } = await signedInManager();
    const ranking = await client.get(`/manage/challenges/${challenge.id}/ranking`).expect(200);
    expect(ranking.text).toContain('Weighted score');
    expect(ranking.text).toContain('90');

    const decide = `/manage/applications/${apps[0].id}`;
    const noReason = await client.submit(decide, `${decide}/decision`, {
      to: 'shortlisted',
      version: '1',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('govuk-error-summary');
    const decided = await client.submit(decide, `${decide}/decision`, {
      to: 'shortlisted',
      version: '1',
      reason: 'Strongest on impact',
    });
    expect(decided.status).toBe(303);

    const bulk = await client.submit(
      `/manage/challenges/${challenge.id}/ranking`,
      `/manage/challenges/${challenge.id}/reject-below`,
      { line: '1', reason: 'Below the line for this challenge' },
    );
    expect(bulk.status).toBe(303);
    expect((await client.get(bulk.headers.location)).text).toContain(
      '2 applications not taken forward',
    );
    const events = await h.ownerQuery<{ entity_id: string; reason: string }>(
      `SELECT entity_id, reason FROM audit_events
        WHERE action = 'application.rejected' AND entity_id = ANY($1)`,
      [apps.map((a) => a.id)],
    );
    expect(events.map((e) => e.entity_id).sort()).toEqual([apps[1].id, apps[2].id].sort());
    expect(new Set(events.map((e) => e.reason))).toEqual(
      new Set(['Below the line for this challenge']),
    );
  });
  it('costs the same statements for one challenge as for many rounds of them, figures kept', async () => {
    const { client } = await signedInManager();
    /** A round under review whose challenges each have one flagged, one outstanding item. */
    const roundOf = async (challenges: number) => {
      const round = await h.make.round({ status: 'assessment' });
      for (let i = 0; i < challenges; i += 1) {
        const challenge = await h.make.challenge(round, { title: `Scaled challenge ${random()}` });
        const application = await h.make.application(challenge);
        const { assessmentIds } = await h.make.assessments(application.id, [
          'submitted',
          'submitted',
          'assigned',
        ]);
        // Assessors 60 points apart: above the spread threshold (20).
        await h.ownerQuery(
          `UPDATE assessment_scores SET score = CASE WHEN assessment_id = $1 THEN 9 ELSE 3 END
            WHERE assessment_id = ANY($2)`,
          [assessmentIds[0], assessmentIds.slice(0, 2)],
        );
      }
      await h.make.challenge(round, { status: 'submitted', publishedAt: null });
    };
    const statements = async () => {
      const { result, count } = await countQueries(h.dataSource(), () =>
        client.get('/manage').expect(200),
      );
      return { count, text: result.text };
    };
    await roundOf(1);
    await client.get('/manage').expect(200);
    const one = await statements();
    await roundOf(3);
    await roundOf(4);
    const many = await statements();
    expect(many.count).toBe(one.count);
    expect(many.count).toBeLessThanOrEqual(10);
    const flagged = (text: string) =>
      text.match(/Scaled challenge [^<:]*: 1 application with assessors far apart/g)?.length;
    const outstanding = (text: string) =>
      text.match(/Scaled challenge [^<:]*: 1 assessment not yet submitted/g)?.length;
    expect([flagged(one.text), outstanding(one.text)]).toEqual([1, 1]);
    expect([flagged(many.text), outstanding(many.text)]).toEqual([8, 8]);
  });

  it('pages the ranking 100 rows at a time, ranks continuing, and rejects below a line across pages', async () => {
    const round = await h.make.round({ status: 'assessment' });
    const challenge = await h.make.challenge(round);
    const apps = [];
    for (let i = 0; i < 105; i += 1) apps.push(await h.make.application(challenge));
    const assessor = await h.make.assessor();
    // One submitted assessment each: the first 50 scored 9 of 10 on every criterion, the other
    // 55 scored 3 (so 50 share rank 1 and 55 share rank 51, on both pages).
    await h.ownerQuery(
      `WITH a AS (
         INSERT INTO assessments (application_id, assessor_user_id, challenge_id, programme_id,
                                  status, submitted_at, version)
         SELECT ap.id, $2, ap.challenge_id, ap.programme_id, 'submitted', now(), 1
           FROM applications ap WHERE ap.challenge_id = $1
         RETURNING id, application_id)
       INSERT INTO assessment_scores (assessment_id, criterion_key, score, max_score, weight)
       SELECT a.id, r->>'key',
              CASE WHEN a.application_id = ANY($3) THEN 9 ELSE 3 END * (r->>'maxScore')::int / 10,
              (r->>'maxScore')::int, (r->>'weight')::numeric
         FROM a CROSS JOIN challenges c CROSS JOIN jsonb_array_elements(c.rubric::jsonb) r
        WHERE c.id = $1`,
      [challenge.id, assessor.id, apps.slice(0, 50).map((a) => a.id)],
    );
    const { client } = await signedInManager();
    const base = `/manage/challenges/${challenge.id}/ranking`;
    const rowsOf = (html: string) =>
      [...html.matchAll(/<tr class="govuk-table__row">\s*<td[^>]*>(\d+|–)<\/td>/g)].map(
        (m) => m[1],
      );

    const first = await client.get(base).expect(200);
    expect(rowsOf(first.text)).toHaveLength(100);
    expect(rowsOf(first.text).slice(48, 52)).toEqual(['1', '1', '51', '51']);
    expect(first.text).toContain('Ranked applications 1 to 100 of 105');
    expect(first.text).toContain('class="govuk-pagination"');
    expect(first.text).toContain(`href="${base}?stage=sift&amp;page=2"`);

    const second = await client.get(`${base}?stage=sift&page=2`).expect(200);
    expect(rowsOf(second.text)).toEqual(['51', '51', '51', '51', '51']);
    expect(second.text).toContain('Ranked applications 101 to 105 of 105');
    await client.get(`${base}?stage=sift&page=3`).expect(404);

    // The line is a rank of the whole ranking: posted from page 2, it reaches page 1's rows too.
    const bulk = await client.submit(
      `${base}?stage=sift&page=2`,
      `/manage/challenges/${challenge.id}/reject-below`,
      {
        line: '50',
        reason: 'Below the line',
      },
    );
    expect(bulk.status).toBe(303);
    expect((await client.get(bulk.headers.location)).text).toContain(
      '55 applications not taken forward',
    );
    const [{ rejected }] = await h.ownerQuery<{ rejected: number }>(
      `SELECT count(*)::int AS rejected FROM audit_events
        WHERE action = 'application.rejected' AND entity_id = ANY($1)`,
      [apps.slice(50).map((a) => a.id)],
    );
    expect(rejected).toBe(55);
    const [{ kept }] = await h.ownerQuery<{ kept: number }>(
      `SELECT count(*)::int AS kept FROM applications WHERE id = ANY($1) AND status = 'submitted'`,
      [apps.slice(0, 50).map((a) => a.id)],
    );
    expect(kept).toBe(50);
  });
});
