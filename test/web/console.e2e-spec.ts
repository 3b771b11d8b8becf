import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  EVIDENCE,
  acceleratorTeam,
  acceptMilestone,
  addMilestone,
  agreePlan,
  gbp,
  moveMilestone,
} from '../support/accelerator.factory';
import { createContract } from '../support/contracts.factory';
import { Harness } from '../support/harness';
import { waitFor } from '../support/wait-for';
import { WebClient, hiddenValue, startWeb } from './support/web-app';

/**
 * The programme manager's cohort, reports and the sponsor's console, through the pages: what
 * each person sees, the forms' errors as the API's, and 404 for what is not theirs.
 */
describe('the cohort, reports and the sponsor’s console', () => {
  // Many people sign in here within a minute; the sign-in limit has tests of its own.
  const h = new Harness({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '100' } });
  let web: NestFastifyApplication;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    await h.startWorker();
    web = await startWeb(h);
  });
  afterEach(() => h.clock.set('2027-01-15T09:00:00Z'));
  afterAll(async () => {
    await web?.close();
    await h.teardown();
  });

  async function signedIn(user: { email: string; password: string }) {
    const client = new WebClient(web);
    await client.signIn(user.email, user.password);
    return client;
  }

  /** Posts a form from its page and expects the answer's status. */
  async function send(
    client: WebClient,
    status: number,
    page: string,
    action: string,
    fields: Record<string, string>,
  ) {
    const res = await client.submit(page, action, fields);
    expect({ status: res.status, text: res.status === status ? '' : res.text }).toEqual({
      status,
      text: '',
    });
    return res;
  }

  describe('the cohort', () => {
    it('shows every team’s RAG, milestones, overdue and payments, generates sprints and records a payment', async () => {
      const { team, member, sponsor, pm } = await acceleratorTeam(h);
      const paid = await addMilestone(h, member, team.id, {
        title: 'Pilot in three culverts',
        dueOn: '2027-04-20',
        payment: gbp(500_000),
      });
      await addMilestone(h, member, team.id, { title: 'Late report', dueOn: '2027-01-10' });
      await agreePlan(h, member, sponsor, team.id);
      await acceptMilestone(h, member, sponsor, paid.id);
      let client = await signedIn(pm);

      const cohort = await client.get(`/manage/rounds/${team.roundId}/cohort`).expect(200);
      expect(cohort.text).toContain('1 of 2 accepted');
      expect(cohort.text).toContain('£5,000');
      expect(cohort.text).toContain('There is no sprint calendar yet.');

      const refused = await send(
        client,
        400,
        `/manage/rounds/${team.roundId}/cohort`,
        `/manage/rounds/${team.roundId}/sprints`,
        {
          lengthDays: 'fortnight',
        },
      );
      expect(refused.text).toContain('govuk-error-summary');
      expect(refused.text).toContain('Days per sprint');
      const made = await send(
        client,
        303,
        `/manage/rounds/${team.roundId}/cohort`,
        `/manage/rounds/${team.roundId}/sprints`,
        {
          lengthDays: '14',
        },
      );
      expect(made.headers.location).toBe(`/manage/rounds/${team.roundId}/cohort?sprints=8#sprints`);
      const calendar = await client.get(`/manage/rounds/${team.roundId}/cohort`).expect(200);
      expect(calendar.text).toContain('Sprint 8');

      // RAG over sprints: the team's update in the first sprint, drawn and tabled.
      h.clock.set('2027-04-05T10:00:00Z');
      const update = await h
        .http()
        .post(`/api/v1/teams/${team.id}/updates`)
        .set('authorization', member.bearer)
        .send({ rag: 'amber', summary: 'Waiting for site access' });
      expect(update.status).toBe(201);
      // A session started in January has expired by April: sign in again.
      client = await signedIn(pm);
      const withRag = await client.get(`/manage/rounds/${team.roundId}/cohort`).expect(200);
      expect(withRag.text).toContain('<svg');
      expect(withRag.text).toContain('RAG over sprints');
      expect(withRag.text).toMatch(
        /<td class="govuk-table__cell">Sprint 1<\/td>\s*<td class="govuk-table__cell">Amber<\/td>\s*<td class="govuk-table__cell">1<\/td>/,
      );

      const page = await client.get(`/manage/teams/${team.id}`).expect(200);
      expect(page.text).toContain('Due to be paid');
      const badDate = await send(
        client,
        400,
        `/manage/teams/${team.id}`,
        `/manage/milestones/${paid.id}/payment`,
        {
          paidOn: 'yesterday',
          reference: 'PO-1',
          version: hiddenValue(page.text, 'version') ?? '',
        },
      );
      expect(badDate.text).toContain(`href="#paidOn-${paid.id}"`);
      const recorded = await send(
        client,
        303,
        `/manage/teams/${team.id}`,
        `/manage/milestones/${paid.id}/payment`,
        {
          paidOn: '2027-04-02',
          reference: 'PO-2027-0042',
        },
      );
      expect(recorded.headers.location).toBe(`/manage/teams/${team.id}?paid=1`);
      const after = await client.get(`/manage/teams/${team.id}?paid=1`).expect(200);
      expect(after.text).toContain('reference PO-2027-0042');
      const audit = await h.ownerQuery<{ action: string }>(
        `SELECT action FROM audit_events WHERE entity_id = $1 AND action = 'milestone.paid'`,
        [paid.id],
      );
      expect(audit).toHaveLength(1);
    });

    it('puts milestones awaiting sign-off among what needs attention, and draws a challenge’s funnel', async () => {
      const { team, member, sponsor, pm } = await acceleratorTeam(h);
      const m = await addMilestone(h, member, team.id, { title: 'Sign me off' });
      await agreePlan(h, member, sponsor, team.id);
      await moveMilestone(h, member, m.id, 'submitted', EVIDENCE);
      const round = await h.make.round({ status: 'assessment' });
      const challenge = await h.make.challenge(round, { title: 'Funnelled' });
      await h.make.application(challenge);
      await h.make.application(challenge, { status: 'shortlisted' });
      const client = await signedIn(pm);
      const dashboard = await client.get('/manage').expect(200);
      expect(dashboard.text).toMatch(/1 milestone waiting for its sponsor’s sign-off/);
      const page = await client.get(`/manage/challenges/${challenge.id}`).expect(200);
      expect(page.text).toContain('Applications by stage');
      expect(page.text).toMatch(
        /<td class="govuk-table__cell">Shortlisted<\/td>\s*<td class="govuk-table__cell">1<\/td>/,
      );
    });

    it('answers 404 to another programme’s manager for the cohort, a team and its payment', async () => {
      const { team, member, sponsor } = await acceleratorTeam(h);
      const m = await addMilestone(h, member, team.id, { payment: gbp(100_000) });
      await agreePlan(h, member, sponsor, team.id);
      await moveMilestone(h, member, m.id, 'submitted', EVIDENCE);
      await moveMilestone(h, sponsor, m.id, 'accepted');
      const other = await h.make.programme();
      const stranger = await h.make.programmeManager(other.operatorOrganisationId);
      const client = await signedIn(stranger);
      await client.get(`/manage/rounds/${team.roundId}/cohort`).expect(404);
      await client.get(`/manage/teams/${team.id}`).expect(404);
      await send(client, 404, '/manage', `/manage/milestones/${m.id}/payment`, {
        paidOn: '2027-05-20',
        reference: 'PO-X',
      });
    });
  });

  describe('reports', () => {
    it('asks for a report, shows its progress until it is built, then downloads it', async () => {
      const pm = await h.make.programmeManager();
      const round = await h.make.round({ name: 'Reported round', status: 'assessment' });
      await h.make.application(await h.make.challenge(round, { title: 'Counted challenge' }));
      const client = await signedIn(pm);

      const missing = await send(client, 400, '/reports', '/reports', { format: 'csv' });
      expect(missing.text).toContain('href="#kind"');
      const asked = await send(client, 303, '/reports', '/reports', {
        kind: 'round_funnel',
        roundId: round.id,
        format: 'csv',
      });
      const path = asked.headers.location;
      expect(path).toMatch(/^\/reports\/[0-9a-f-]{36}$/);
      await waitFor('the report is built', async () => {
        const page = await client.get(path).expect(200);
        if (page.text.includes('Ready')) return true;
        // Until then the page refreshes itself without scripts, and says how far it is.
        expect(page.text).toContain('<noscript><meta http-equiv="refresh"');
        expect(page.text).toMatch(/<progress[^>]+max="100"/);
        return false;
      });
      const done = await client.get(path).expect(200);
      expect(done.text).not.toContain('http-equiv="refresh"');
      const file = await client.get(`${path}/download`).expect(200);
      expect(file.headers['content-type']).toMatch(/^text\/csv/);
      expect(file.headers['content-disposition']).toMatch(/^attachment/);
      expect(file.text).toContain('Counted challenge');
      const list = await client.get('/reports').expect(200);
      expect(list.text).toContain(`href="${path}/download"`);
    });

    it('answers 404 for another person’s report and refuses reports to a startup', async () => {
      const pm = await h.make.programmeManager();
      const round = await h.make.round();
      const asked = await send(await signedIn(pm), 303, '/reports', '/reports', {
        kind: 'round_funnel',
        roundId: round.id,
        format: 'json',
      });
      const other = await h.make.programme();
      const stranger = await h.make.programmeManager(other.operatorOrganisationId);
      const client = await signedIn(stranger);
      await client.get(asked.headers.location).expect(404);
      await client.get(`${asked.headers.location}/download`).expect(404);
      const member = await h.make.startupMember();
      await (await signedIn(member)).get('/reports').expect(403);
    });
  });

  describe('the sponsor’s console', () => {
    const challengeFields = (roundId: string, sponsorOrganisationId: string) => ({
      roundId,
      sponsorOrganisationId,
      title: 'Gritting the right roads',
      summary: 'Which roads to grit before a frost.',
      problemStatement: 'Crews grit by habit; some roads freeze first and get gritted last.',
      tags: 'roads, winter',
      currency: 'GBP',
      accelerator: '65,000',
      exploration: '',
      followOn: '',
      questionRows: '2',
      q0label: 'How would you approach it?',
      q0key: 'approach',
      q0type: 'text',
      q0required: 'yes',
      q1label: '',
      q1key: '',
      q1type: 'text',
      criterionRows: '1',
      r0label: 'Impact',
      r0key: 'impact',
      r0weight: '2',
      r0maxScore: '10',
    });

    it('proposes a challenge with the question and rubric builder, refusing what the API refuses', async () => {
      const round = await h.make.round({ name: 'Winter round', status: 'open' });
      const sponsor = await h.make.sponsor();
      const org = sponsor.organisationId;
      const client = await signedIn(sponsor);
      const fields = challengeFields(round.id, org);

      // Add a row: the form comes back with one more question, nothing saved.
      const added = await send(client, 200, '/sponsor/challenges/new', '/sponsor/challenges', {
        ...fields,
        action: 'addQuestion',
      });
      expect(added.text).toContain('id="q2label"');
      expect(added.text).toContain('value="How would you approach it?"');

      // The same rules as the API: a zero weight, then a duplicate key and a choice without options.
      const weightless = await send(client, 400, '/sponsor/challenges/new', '/sponsor/challenges', {
        ...fields,
        r0weight: '0',
        action: 'propose',
      });
      expect(weightless.text).toContain('href="#r0weight"');
      expect(weightless.text).toContain('id="r0weight-error"');
      const refused = await send(client, 400, '/sponsor/challenges/new', '/sponsor/challenges', {
        ...fields,
        questionRows: '3',
        q1label: 'Your website',
        q1key: 'approach',
        q1type: 'url',
        q2label: 'Stage',
        q2key: 'stage',
        q2type: 'choice',
        action: 'propose',
      });
      expect(refused.text).toContain('href="#q1key"');
      expect(refused.text).toContain('href="#q2options"');
      const none = await h.ownerQuery('SELECT id FROM challenges WHERE round_id = $1', [round.id]);
      expect(none).toHaveLength(0);

      const proposed = await send(client, 303, '/sponsor/challenges/new', '/sponsor/challenges', {
        ...fields,
        action: 'propose',
      });
      const id = /\/sponsor\/challenges\/([0-9a-f-]{36})\?moved=submitted$/.exec(
        proposed.headers.location,
      )![1];
      const [row] = await h.ownerQuery<{
        status: string;
        questions: unknown[];
        rubric: { weight: number }[];
        budget: { accelerator: { amountMinor: number } };
      }>('SELECT status, questions, rubric, budget FROM challenges WHERE id = $1', [id]);
      expect(row.status).toBe('submitted');
      expect(row.questions).toHaveLength(1);
      expect(row.rubric[0].weight).toBe(2);
      expect(row.budget.accelerator.amountMinor).toBe(6_500_000);
      const page = await client.get(`/sponsor/challenges/${id}`).expect(200);
      expect(page.text).toContain('Gritting the right roads');
      const home = await client.get('/sponsor').expect(200);
      expect(home.text).toContain(`/sponsor/challenges/${id}`);
    });

    it('signs off a milestone with its evidence: changes need a reason, acceptance is recorded', async () => {
      const { team, member, sponsor } = await acceleratorTeam(h);
      const m = await addMilestone(h, member, team.id, { title: 'Route model' });
      await agreePlan(h, member, sponsor, team.id);
      await moveMilestone(h, member, m.id, 'submitted', EVIDENCE);
      const client = await signedIn(sponsor);
      const page = await client.get(`/sponsor/teams/${team.id}`).expect(200);
      expect(page.text).toContain('https://example.org/pilot-report');

      const action = `/sponsor/teams/${team.id}/milestones/${m.id}`;
      const noReason = await send(client, 400, `/sponsor/teams/${team.id}`, action, {
        to: 'changes_requested',
        reason: '',
      });
      expect(noReason.text).toContain(`href="#reason-${m.id}"`);
      const noChoice = await send(client, 400, `/sponsor/teams/${team.id}`, action, {});
      expect(noChoice.text).toContain(`href="#to-${m.id}"`);
      const accepted = await send(client, 303, `/sponsor/teams/${team.id}`, action, {
        to: 'accepted',
      });
      expect(accepted.headers.location).toBe(`/sponsor/teams/${team.id}?signed=accepted`);
      const [row] = await h.ownerQuery<{ status: string }>(
        'SELECT status FROM milestones WHERE id = $1',
        [m.id],
      );
      expect(row.status).toBe('accepted');
    });

    it('answers 404 to a sponsor for another sponsor’s team, milestone and challenge', async () => {
      const { team, member, sponsor } = await acceleratorTeam(h);
      const m = await addMilestone(h, member, team.id);
      await agreePlan(h, member, sponsor, team.id);
      await moveMilestone(h, member, m.id, 'submitted', EVIDENCE);
      const round = await h.make.round({ status: 'open' });
      const challenge = await h.make.challenge(round, {
        sponsorOrganisationId: sponsor.organisationId,
        status: 'draft',
        publishedAt: null,
      });
      const stranger = await h.make.sponsor();
      const client = await signedIn(stranger);
      await client.get(`/sponsor/teams/${team.id}`).expect(404);
      await send(client, 404, '/sponsor', `/sponsor/teams/${team.id}/milestones/${m.id}`, {
        to: 'accepted',
      });
      await client.get(`/sponsor/challenges/${challenge.id}`).expect(404);
      await client.get(`/sponsor/challenges/${challenge.id}/edit`).expect(404);
      const [row] = await h.ownerQuery<{ status: string }>(
        'SELECT status FROM milestones WHERE id = $1',
        [m.id],
      );
      expect(row.status).toBe('submitted');
    });
  });

  describe('contracts', () => {
    it('lists the programme’s contracts with the value won after it, records a payment and moves one on with a reason', async () => {
      const { team, pm } = await acceleratorTeam(h);
      const contract = await createContract(h, pm, {
        buyerOrganisationId: team.sponsorOrganisationId,
        startupOrganisationId: team.startupOrganisationId,
        teamId: team.id,
        title: 'Culvert sensors, year one',
      });
      const client = await signedIn(pm);
      const list = await client.get(`/manage/contracts?roundId=${team.roundId}`).expect(200);
      expect(list.text).toContain('Culvert sensors, year one');
      expect(list.text).toContain('Contract value by kind');
      expect(list.text).toContain('<svg');
      const none = await client.get('/manage/contracts?kind=commercial').expect(200);
      expect(none.text).toContain('No contract matches.');

      const page = `/manage/contracts/${contract.id}`;
      await send(client, 303, page, `${page}/move`, { to: 'awarded' });
      const noReason = await send(client, 400, page, `${page}/move`, { to: 'terminated' });
      expect(noReason.text).toContain('href="#reason"');
      const badAmount = await send(client, 400, page, `${page}/payments`, {
        amount: 'lots',
        paidOn: '2027-01-10',
      });
      expect(badAmount.text).toContain('href="#amount"');
      await send(client, 303, page, `${page}/payments`, {
        amount: '2,500',
        paidOn: '2027-01-10',
        reference: 'INV-7',
      });
      const after = await client.get(page).expect(200);
      expect(after.text).toContain('INV-7');
      expect(after.text).toContain('£2,500');
      expect(after.text).toContain('Awarded');
    });

    it('shows a sponsor its own contracts, lets the buyer award one, and hides others’', async () => {
      const { team, pm, sponsor } = await acceleratorTeam(h);
      const contract = await createContract(h, pm, {
        buyerOrganisationId: team.sponsorOrganisationId,
        startupOrganisationId: team.startupOrganisationId,
        teamId: team.id,
        title: 'Bought by the sponsor',
      });
      const client = await signedIn(sponsor);
      const list = await client.get('/sponsor/contracts').expect(200);
      expect(list.text).toContain(`href="/sponsor/contracts/${contract.id}"`);
      const page = `/sponsor/contracts/${contract.id}`;
      const awarded = await send(client, 303, page, `${page}/move`, { to: 'awarded' });
      expect(awarded.headers.location).toBe(`${page}?moved=awarded`);
      const stranger = await signedIn(await h.make.sponsor());
      await stranger.get(page).expect(404);
      expect((await stranger.get('/sponsor/contracts').expect(200)).text).not.toContain(
        'Bought by the sponsor',
      );
    });

    it('answers 404 to another programme’s manager for a contract', async () => {
      const { team, pm } = await acceleratorTeam(h);
      const contract = await createContract(h, pm, {
        buyerOrganisationId: team.sponsorOrganisationId,
        startupOrganisationId: team.startupOrganisationId,
        teamId: team.id,
      });
      const other = await h.make.programme();
      const client = await signedIn(await h.make.programmeManager(other.operatorOrganisationId));
      await client.get(`/manage/contracts/${contract.id}`).expect(404);
      await send(client, 404, '/manage', `/manage/contracts/${contract.id}/move`, {
        to: 'awarded',
      });
      expect((await client.get('/manage/contracts').expect(200)).text).not.toContain(
        contract.title,
      );
    });
  });

  describe('organisations, members and invitations', () => {
    it('adds an organisation and invites someone to it, refusing what the API refuses', async () => {
      const pm = await h.make.programmeManager();
      const client = await signedIn(pm);
      const nameless = await send(client, 400, '/manage/organisations', '/manage/organisations', {
        name: '',
        kind: 'sponsor',
      });
      expect(nameless.text).toContain('href="#name"');
      const made = await send(client, 303, '/manage/organisations', '/manage/organisations', {
        name: 'Fife Council',
        kind: 'sponsor',
      });
      const page = made.headers.location.replace('?created=1', '');
      const action = `${page}/invitations`;
      const badEmail = await send(client, 400, page, action, { email: 'nope', role: 'sponsor' });
      expect(badEmail.text).toContain('href="#email"');
      const wrongRole = await send(client, 422, page, action, {
        email: 'lee@fife.example',
        role: 'startup_member',
      });
      expect(wrongRole.text).toContain('govuk-error-summary');
      await send(client, 303, page, action, { email: 'lee@fife.example', role: 'sponsor' });
      const after = await client.get(page).expect(200);
      expect(after.text).toContain('lee@fife.example');
      expect(after.text).toContain('Waiting');
      const list = await client.get('/manage/organisations?kind=sponsor').expect(200);
      expect(list.text).toContain('Fife Council');
    });

    it('keeps the organisation pages to programme managers', async () => {
      const member = await h.make.startupMember();
      const client = await signedIn(member);
      await client.get('/manage/organisations').expect(403);
      await client.get(`/manage/organisations/${member.organisationId}`).expect(403);
    });
  });
});
