import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { acceleratorTeam, addMilestone } from '../support/accelerator.factory';
import { createContract } from '../support/contracts.factory';
import { Harness } from '../support/harness';
import { WebClient, startWeb } from './support/web-app';

/**
 * Notifications and e-mails link to one address per thing (`/milestones/{id}`,
 * `/contracts/{id}`, …) whoever receives them: each person lands on their own page for it, and
 * the page's policy still decides (404 for what is not theirs).
 */
describe('notification links land on each person’s own page', () => {
  const h = new Harness({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '100' } });
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

  async function signedIn(user: { email: string; password: string }) {
    const client = new WebClient(web);
    await client.signIn(user.email, user.password);
    return client;
  }

  it('sends the sponsor and the programme manager from a milestone to their team page, the team to its own', async () => {
    const { team, member, sponsor, pm } = await acceleratorTeam(h);
    const milestone = await addMilestone(h, pm, team.id);
    const otherSponsor = await h.make.sponsor();

    const bySponsor = await (await signedIn(sponsor)).get(`/milestones/${milestone.id}`);
    expect(bySponsor.status).toBe(303);
    expect(bySponsor.headers.location).toBe(`/sponsor/teams/${team.id}`);
    const byPm = await (await signedIn(pm)).get(`/milestones/${milestone.id}`);
    expect(byPm.headers.location).toBe(`/manage/teams/${team.id}`);
    const byTeam = await (await signedIn(member)).get(`/milestones/${milestone.id}`);
    expect(byTeam.status).toBe(200);
    expect((await (await signedIn(sponsor)).get(`/teams/${team.id}`)).headers.location).toBe(
      `/sponsor/teams/${team.id}`,
    );

    // Another sponsor's link resolves nothing: the milestone is not theirs.
    expect((await (await signedIn(otherSponsor)).get(`/milestones/${milestone.id}`)).status).toBe(
      404,
    );
  });

  it('sends each party of a contract to its own contract page', async () => {
    const { team, member, sponsor, pm } = await acceleratorTeam(h);
    const contract = await createContract(h, pm, {
      buyerOrganisationId: sponsor.organisationId,
      startupOrganisationId: team.startupOrganisationId,
      teamId: team.id,
    });
    const landing = async (user: { email: string; password: string }) =>
      (await (await signedIn(user)).get(`/contracts/${contract.id}`)).headers.location;
    expect(await landing(member)).toBe(`/company/contracts/${contract.id}`);
    expect(await landing(sponsor)).toBe(`/sponsor/contracts/${contract.id}`);
    expect(await landing(pm)).toBe(`/manage/contracts/${contract.id}`);
    const page = await (await signedIn(member)).get(`/company/contracts/${contract.id}`);
    expect(page.status).toBe(200);
  });

  it('sends anonymous visitors to sign in, and an address that is not an id ends on a 404', async () => {
    const anonymous = await new WebClient(web).get(
      '/contracts/00000000-0000-4000-8000-000000000000',
    );
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/sign-in/);
    const { pm } = await acceleratorTeam(h);
    const client = await signedIn(pm);
    const landed = await client.get('/contracts/not-an-id');
    expect(landed.status).toBe(303);
    expect((await client.get(landed.headers.location)).status).toBe(404);
  });
});
