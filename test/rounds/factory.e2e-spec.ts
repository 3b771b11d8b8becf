import { Harness, createChallenge, createRound, publishedChallenge } from '@catalyst/testing';

describe('rounds factory (used by other slices’ tests)', () => {
  const h = new Harness();
  beforeAll(async () => {
    await h.setup();
    await h.startApi();
  });
  afterAll(() => h.teardown());

  it('builds a published challenge in an open round through the API', async () => {
    const { round, challenge, sponsor } = await publishedChallenge(h);
    expect(round.status).toBe('open');
    expect(challenge).toMatchObject({
      status: 'published',
      roundId: round.id,
      sponsorOrganisationId: sponsor.organisationId,
    });
    expect(challenge.publishedAt).toBe(h.clock.now().toISOString());
    const portal = await h.http().get(`/api/v1/public/challenges/${challenge.id}`).expect(200);
    expect(portal.body.id).toBe(challenge.id);
  });

  it('walks rounds and challenges to the state asked for', async () => {
    const pm = await h.make.programmeManager();
    const round = await createRound(h, pm, { status: 'cancelled' });
    expect(round.status).toBe('cancelled');
    const draftRound = await createRound(h, pm);
    const sponsor = await h.make.sponsor();
    const approved = await createChallenge(h, sponsor, draftRound.id, sponsor.organisationId, {
      status: 'approved',
    });
    expect(approved.status).toBe('approved');
  });
});
