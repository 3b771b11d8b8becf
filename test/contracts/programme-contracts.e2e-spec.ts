import { QueueName } from '@catalyst/queues';
import {
  Harness,
  TestUser,
  acceleratorTeam,
  acceptMilestone,
  addMilestone,
  agreePlan,
  awardedContract,
  expectStatus,
  gbp,
  payContract,
} from '@catalyst/testing';

/**
 * What the programme puts on the ledger by itself, through the outbox and the worker: a
 * decision into exploration drafts the paid exploration contract, a selection the accelerator
 * contract (from the round's defaults), and a milestone paid in the accelerator becomes a
 * payment on the team's accelerator contract.
 */
describe('programme contracts from decisions and milestone payments', () => {
  const h = new Harness();
  let pm: TestUser;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    await h.startWorker();
    pm = await h.make.programmeManager();
  });
  afterAll(() => h.teardown());

  const decide = (applicationId: string, to: string) =>
    h
      .http()
      .post(`/api/v1/applications/${applicationId}/transitions`)
      .set('authorization', pm.bearer)
      .send({ to, reason: 'Strongest on the panel’s scores' });

  const contractsOf = (applicationId: string) =>
    h.dataSource().query<
      {
        id: string;
        kind: string;
        status: string;
        value_amount_minor: string;
        buyer_organisation_id: string;
        team_id: string | null;
        starts_on: string;
        ends_on: string;
      }[]
    >(
      `SELECT id, kind, status, value_amount_minor, buyer_organisation_id, team_id,
                to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on
           FROM contracts WHERE application_id = $1 ORDER BY created_at`,
      [applicationId],
    );

  it('sets a round’s defaults in the programme’s currency only, for its managers', async () => {
    const round = await h.make.round({ status: 'exploration' });
    const put = (user: TestUser, body: object) =>
      h
        .http()
        .put(`/api/v1/rounds/${round.id}/contract-defaults`)
        .set('authorization', user.bearer)
        .send(body);
    const eur = await put(pm, {
      exploration: { value: { amountMinor: 500_000, currency: 'EUR' } },
    });
    expect(expectStatus(eur, 422).body.code).toBe('contract_defaults.currency_mismatch');
    const set = expectStatus(
      await put(pm, { exploration: { value: gbp(500_000), days: 21 } }),
      200,
    ).body;
    expect(set).toMatchObject({
      currency: 'GBP',
      exploration: { value: gbp(500_000), days: 21 },
      accelerator: null,
      version: 1,
    });
    const other = await h.make.programmeManager((await h.make.programme()).operatorOrganisationId);
    expect((await put(other, { exploration: { value: gbp(1) } })).status).toBe(404);
    expect((await put(await h.make.sponsor(), {})).status).toBe(403);
  });

  it('drafts the exploration contract when an application is moved into exploration, once', async () => {
    const round = await h.make.round({
      status: 'exploration',
      closedAt: new Date('2027-02-01T12:00:00Z'),
    });
    await h
      .http()
      .put(`/api/v1/rounds/${round.id}/contract-defaults`)
      .set('authorization', pm.bearer)
      .send({
        exploration: { value: gbp(500_000), days: 21 },
        accelerator: { value: gbp(6_500_000) },
      })
      .expect(200);
    const challenge = await h.make.challenge(round, { status: 'closed' });
    const application = await h.make.application(challenge, { status: 'shortlisted' });
    await h.make.assessments(application.id, ['submitted']);

    expectStatus(await decide(application.id, 'exploration'), 200);
    await h.drainQueues();
    const [exploration] = await contractsOf(application.id);
    expect(exploration).toMatchObject({
      kind: 'exploration',
      status: 'draft',
      value_amount_minor: '500000',
      buyer_organisation_id: challenge.sponsorOrganisationId,
      team_id: null,
      starts_on: '2027-01-15',
      ends_on: '2027-02-05',
    });
    const [created] = await h
      .dataSource()
      .query(
        `SELECT actor_id, programme_id, data FROM audit_events WHERE entity_id = $1 AND action = 'contract.created'`,
        [exploration.id],
      );
    expect(created).toMatchObject({
      actor_id: null,
      programme_id: round.programmeId,
      data: { from: 'application.exploration' },
    });

    // Relayed or run twice, the same decision drafts one contract.
    await h
      .producer()
      .queue(QueueName.Contracts)
      .add('create-programme-contract', { applicationId: application.id, kind: 'exploration' });
    await h.drainQueues();
    expect(await contractsOf(application.id)).toHaveLength(1);

    // Selection drafts the accelerator contract on the team formed by it.
    expectStatus(await decide(application.id, 'selected'), 200);
    await h.drainQueues();
    const contracts = await contractsOf(application.id);
    expect(contracts.map((c) => c.kind)).toEqual(['exploration', 'accelerator']);
    expect(contracts[1]).toMatchObject({
      value_amount_minor: '6500000',
      starts_on: round.acceleratorStartsOn,
      ends_on: round.acceleratorEndsOn,
    });
    expect(contracts[1].team_id).not.toBeNull();
  });

  it('lets a selection be reversed after its contract was drafted: the contract follows the next team, both on its trail', async () => {
    const round = await h.make.round({
      status: 'exploration',
      closedAt: new Date('2027-02-01T12:00:00Z'),
    });
    await h
      .http()
      .put(`/api/v1/rounds/${round.id}/contract-defaults`)
      .set('authorization', pm.bearer)
      .send({ accelerator: { value: gbp(6_500_000) } })
      .expect(200);
    const challenge = await h.make.challenge(round, { status: 'closed' });
    const application = await h.make.application(challenge, { status: 'shortlisted' });
    await h.make.assessments(application.id, ['submitted']);
    const teamOf = async () =>
      (
        await h
          .dataSource()
          .query<{ id: string }[]>(`SELECT id FROM teams WHERE application_id = $1`, [
            application.id,
          ])
      )[0]?.id ?? null;

    expectStatus(await decide(application.id, 'selected'), 200);
    await h.drainQueues();
    const first = await teamOf();
    const [drafted] = await contractsOf(application.id);
    expect(drafted.team_id).toBe(first);

    // The sponsor's budget is cut: the team goes, the drafted contract stays, unlinked.
    expectStatus(await decide(application.id, 'waitlisted'), 200);
    await h.drainQueues();
    expect(await teamOf()).toBeNull();
    expect(await contractsOf(application.id)).toEqual([
      expect.objectContaining({ id: drafted.id, status: 'draft', team_id: null }),
    ]);

    // Selected again: a new team, and the one accelerator contract is on it.
    expectStatus(await decide(application.id, 'selected'), 200);
    await h.drainQueues();
    const second = await teamOf();
    expect(second).not.toBeNull();
    expect(second).not.toBe(first);
    expect(await contractsOf(application.id)).toEqual([
      expect.objectContaining({ id: drafted.id, team_id: second }),
    ]);
    const trail = await h.dataSource().query<{ action: string; data: { teamId: string } }[]>(
      `SELECT action, data FROM audit_events WHERE entity_type = 'contract' AND entity_id = $1
          ORDER BY at, id`,
      [drafted.id],
    );
    expect(trail.map((e) => [e.action, e.data.teamId ?? null])).toEqual([
      ['contract.created', first],
      ['contract.team_unlinked', first],
      ['contract.team_linked', second],
    ]);
  });

  it('refuses to reverse a selection whose team has started its accelerator work (409), changing nothing', async () => {
    const round = await h.make.round({
      status: 'exploration',
      closedAt: new Date('2027-02-01T12:00:00Z'),
    });
    const sponsor = await h.make.sponsor();
    const challenge = await h.make.challenge(round, {
      status: 'closed',
      sponsorOrganisationId: sponsor.organisationId,
    });
    const application = await h.make.application(challenge, { status: 'shortlisted' });
    await h.make.assessments(application.id, ['submitted']);
    expectStatus(await decide(application.id, 'selected'), 200);
    const [team] = await h
      .dataSource()
      .query<{ id: string }[]>(`SELECT id FROM teams WHERE application_id = $1`, [application.id]);
    await addMilestone(h, pm, team.id);

    const refused = await decide(application.id, 'waitlisted');
    expectStatus(refused, 409);
    expect(refused.body.code).toBe('application.team_in_use');
    const [after] = await h
      .dataSource()
      .query<{ status: string }[]>(`SELECT status FROM applications WHERE id = $1`, [
        application.id,
      ]);
    expect(after.status).toBe('selected');
    expect(
      await h
        .dataSource()
        .query(`SELECT id FROM teams WHERE application_id = $1`, [application.id]),
    ).toEqual([team]);
    expect(
      await h
        .dataSource()
        .query(
          `SELECT action FROM audit_events WHERE entity_id = $1 AND action = 'team.disbanded'`,
          [team.id],
        ),
    ).toEqual([]);
  });

  it('drafts nothing when the round has no default for that kind', async () => {
    const round = await h.make.round({
      status: 'exploration',
      closedAt: new Date('2027-02-01T12:00:00Z'),
    });
    const challenge = await h.make.challenge(round, { status: 'closed' });
    const application = await h.make.application(challenge, { status: 'shortlisted' });
    await h.make.assessments(application.id, ['submitted']);
    expectStatus(await decide(application.id, 'exploration'), 200);
    await h.drainQueues();
    expect(await contractsOf(application.id)).toEqual([]);
  });

  it('records a milestone paid in the accelerator on the team’s accelerator contract, once', async () => {
    const x = await acceleratorTeam(h, { pm });
    const contract = await awardedContract(h, pm, {
      buyerOrganisationId: x.team.sponsorOrganisationId,
      startupOrganisationId: x.team.startupOrganisationId,
      teamId: x.team.id,
      kind: 'accelerator',
      value: gbp(6_500_000),
    });
    const m = await addMilestone(h, x.member, x.team.id, { payment: gbp(250_000) });
    await agreePlan(h, x.member, x.sponsor, x.team.id);
    await acceptMilestone(h, x.member, x.sponsor, m.id);
    await h
      .http()
      .post(`/api/v1/milestones/${m.id}/payment`)
      .set('authorization', pm.bearer)
      .send({ paidOn: '2027-01-14', reference: 'PO-77' })
      .expect(200);
    await h.drainQueues();
    const view = (
      await h
        .http()
        .get(`/api/v1/contracts/${contract.id}`)
        .set('authorization', x.member.bearer)
        .expect(200)
    ).body;
    expect(view).toMatchObject({ paid: gbp(250_000), remaining: gbp(6_250_000) });
    expect(view.payments[0]).toMatchObject({
      milestoneId: m.id,
      paidOn: '2027-01-14',
      reference: 'PO-77',
      recordedByUserId: null,
    });
  });

  it('pays a milestone through its contract: the milestone shows paid, and the event adds nothing', async () => {
    const x = await acceleratorTeam(h, { pm });
    const contract = await awardedContract(h, pm, {
      buyerOrganisationId: x.team.sponsorOrganisationId,
      startupOrganisationId: x.team.startupOrganisationId,
      teamId: x.team.id,
      kind: 'accelerator',
      value: gbp(6_500_000),
    });
    const m = await addMilestone(h, x.member, x.team.id, { payment: gbp(300_000) });
    await agreePlan(h, x.member, x.sponsor, x.team.id);
    await acceptMilestone(h, x.member, x.sponsor, m.id);
    const wrong = await payContract(h, pm, contract.id, gbp(299_999), { milestoneId: m.id });
    expect(expectStatus(wrong, 422).body.code).toBe('contract_payment.invalid_milestone');
    const bySponsor = await payContract(h, x.sponsor, contract.id, gbp(300_000), {
      milestoneId: m.id,
    });
    expect(bySponsor.status).toBe(403); // recording a milestone paid is a programme manager's act
    expectStatus(
      await payContract(h, pm, contract.id, gbp(300_000), {
        milestoneId: m.id,
        reference: 'PO-78',
      }),
      201,
    );
    const milestone = await h
      .http()
      .get(`/api/v1/milestones/${m.id}`)
      .set('authorization', x.member.bearer)
      .expect(200);
    expect(milestone.body).toMatchObject({ paymentStatus: 'paid', paymentReference: 'PO-78' });
    await h.drainQueues();
    const view = await h
      .http()
      .get(`/api/v1/contracts/${contract.id}`)
      .set('authorization', pm.bearer)
      .expect(200);
    expect(view.body.payments).toHaveLength(1);
    expect(view.body.paid).toEqual(gbp(300_000));
  });

  it('audits a milestone payment it cannot put on a contract', async () => {
    const x = await acceleratorTeam(h, { pm });
    const m = await addMilestone(h, x.member, x.team.id, { payment: gbp(100) });
    await agreePlan(h, x.member, x.sponsor, x.team.id);
    await acceptMilestone(h, x.member, x.sponsor, m.id);
    await h
      .http()
      .post(`/api/v1/milestones/${m.id}/payment`)
      .set('authorization', pm.bearer)
      .send({ paidOn: '2027-01-14', reference: 'PO-1' })
      .expect(200);
    await h.drainQueues();
    const [event] = await h
      .dataSource()
      .query(
        `SELECT data FROM audit_events WHERE action = 'contract_payment.not_recorded' AND entity_id = $1`,
        [m.id],
      );
    expect(event.data).toMatchObject({ why: 'the team has no accelerator contract' });
  });
});
