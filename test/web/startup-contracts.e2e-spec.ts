import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  Harness,
  acceleratorTeam,
  awardedContract,
  expectStatus,
  gbp,
  payContract,
  type TestUser,
} from '../support';
import { WebClient, startWeb } from './support/web-app';

/**
 * A company's contracts and outcomes, and its application's decision with released feedback,
 * over HTTP (its own file: each file's sign-ins count against their own rate-limit counters).
 */
describe('the company’s contracts, outcomes and feedback pages', () => {
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

  async function signedIn(user: TestUser): Promise<WebClient> {
    const client = new WebClient(web);
    await client.signIn(user.email, user.password);
    return client;
  }

  describe('contracts and outcomes', () => {
    it('shows the company its own contracts with payments, and no one else’s', async () => {
      const x = await acceleratorTeam(h, { pm });
      const contract = await awardedContract(h, pm, {
        buyerOrganisationId: x.team.sponsorOrganisationId,
        startupOrganisationId: x.team.startupOrganisationId,
        teamId: x.team.id,
      });
      await payContract(h, pm, contract.id, gbp(250_000)).expect(201);
      const other = await acceleratorTeam(h, { pm });
      const theirs = await awardedContract(h, pm, {
        buyerOrganisationId: other.team.sponsorOrganisationId,
        startupOrganisationId: other.team.startupOrganisationId,
        teamId: other.team.id,
      });
      const client = await signedIn(x.member);
      const list = await client.get('/company/contracts').expect(200);
      expect(list.text).toContain(contract.reference);
      expect(list.text).not.toContain(theirs.reference);
      const page = await client.get(`/company/contracts/${contract.id}`).expect(200);
      expect(page.text).toContain('£2,500');
      await client.get(`/company/contracts/${theirs.id}`).expect(404);
    });

    it('records outcomes with their history, refusing a malformed one with the fields named', async () => {
      const member = await h.make.startupMember();
      const client = await signedIn(member);
      const wrong = await client.submit('/company/outcomes', '/company/outcomes', {
        kind: 'investment',
        amount: 'lots',
        currency: 'GBP',
        reportedOn: 'yesterday',
      });
      expect(wrong.status).toBe(400);
      expect(wrong.text).toContain('href="#amount"');
      expect(wrong.text).toContain('href="#reportedOn"');
      const saved = await client.submit('/company/outcomes', '/company/outcomes', {
        kind: 'investment',
        amount: '25000',
        currency: 'GBP',
        reportedOn: '2027-01-10',
      });
      expect(saved.status).toBe(303);
      const jobs = await client.submit('/company/outcomes', '/company/outcomes', {
        kind: 'jobs',
        count: '3',
        reportedOn: '2027-01-12',
      });
      expect(jobs.status).toBe(303);
      const page = await client.get('/company/outcomes').expect(200);
      expect(page.text).toContain('£25,000');
      expect(page.text).toContain('Jobs created');
    });
  });

  describe('decisions and feedback', () => {
    it('shows the decision, then the feedback once the programme releases it', async () => {
      const x = await acceleratorTeam(h, { pm });
      const client = await signedIn(x.member);
      const page = await client.get(`/applications/${x.team.applicationId}`).expect(200);
      expect(page.text).toContain('Congratulations');
      expect(page.text).toContain('id="feedback-pending"');
      const released = await h
        .http()
        .post(`/api/v1/challenges/${x.team.challengeId}/feedback-release`)
        .set('authorization', pm.bearer)
        .send({});
      expectStatus(released, 200);
      const after = await client.get(`/applications/${x.team.applicationId}`).expect(200);
      expect(after.text).not.toContain('id="feedback-pending"');
      expect(after.text).toContain('Released');
      const link = await client.get(`/applications/${x.team.applicationId}/feedback`).expect(303);
      expect(link.headers.location).toBe(`/applications/${x.team.applicationId}#feedback`);
    });
  });
});
