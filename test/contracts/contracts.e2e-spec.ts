import { contractsEndingWithin } from '@catalyst/contracts';
import {
  AcceleratorTeam,
  Harness,
  acceleratorTeam,
  amendContract,
  awardedContract,
  createContract,
  expectStatus,
  moveContract,
  payContract,
} from '@catalyst/testing';

const gbp = (amountMinor: number) => ({ amountMinor, currency: 'GBP' });

describe('contracts: life cycle, amendments, the payment ledger', () => {
  const h = new Harness();
  let x: AcceleratorTeam;
  const base = () => ({
    buyerOrganisationId: x.team.sponsorOrganisationId,
    startupOrganisationId: x.team.startupOrganisationId,
    teamId: x.team.id,
  });

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    x = await acceleratorTeam(h);
  });
  afterAll(() => h.teardown());

  it('moves draft → awarded → active → completed, showing the caller’s moves at each step', async () => {
    const c = await createContract(h, x.pm, base());
    expect(c).toMatchObject({
      status: 'draft',
      programmeId: x.team.programmeId,
      roundId: x.team.roundId,
      sponsorOrganisationId: x.team.sponsorOrganisationId,
      originalValue: gbp(1_000_000),
      currentValue: gbp(1_000_000),
      paid: gbp(0),
      remaining: gbp(1_000_000),
    });
    expect(c.allowedTransitions).toEqual([
      { to: 'awarded', reasonRequired: false },
      { to: 'terminated', reasonRequired: true },
    ]);
    const asStartup = await h
      .http()
      .get(`/api/v1/contracts/${c.id}`)
      .set('authorization', x.member.bearer)
      .expect(200);
    expect(asStartup.body.allowedTransitions).toEqual([]);

    const awarded = await moveContract(h, x.sponsor, c.id, 'awarded');
    expect(awarded.awardedAt).not.toBeNull();
    const active = await moveContract(h, x.sponsor, c.id, 'active');
    expect(active.allowedTransitions.map((t) => t.to)).toEqual(['completed', 'terminated']);
    const done = await moveContract(h, x.pm, c.id, 'completed');
    expect(done).toMatchObject({ status: 'completed', allowedTransitions: [] });

    const again = await h
      .http()
      .post(`/api/v1/contracts/${c.id}/transitions`)
      .set('authorization', x.pm.bearer)
      .send({ to: 'active' })
      .expect(409);
    expect(again.body).toMatchObject({ code: 'contract.invalid_transition', allowed: [] });

    const events = await h
      .dataSource()
      .query(
        `SELECT action, programme_id, data FROM audit_events WHERE entity_id = $1 ORDER BY at, seq`,
        [c.id],
      );
    expect(events.map((e: { action: string }) => e.action)).toEqual([
      'contract.created',
      'contract.awarded',
      'contract.active',
      'contract.completed',
    ]);
    expect(
      events.every((e: { programme_id: string }) => e.programme_id === x.team.programmeId),
    ).toBe(true);
    expect(events[3].data).toMatchObject({ onBehalfOf: 'buyer', paid: gbp(0) });
  });

  it('terminates only with a reason; the startup may not move it', async () => {
    const c = await awardedContract(h, x.pm, base());
    await h
      .http()
      .post(`/api/v1/contracts/${c.id}/transitions`)
      .set('authorization', x.member.bearer)
      .send({ to: 'terminated', reason: 'x' })
      .expect(403);
    const noReason = await h
      .http()
      .post(`/api/v1/contracts/${c.id}/transitions`)
      .set('authorization', x.sponsor.bearer)
      .send({ to: 'terminated' })
      .expect(400);
    expect(noReason.body.code).toBe('request.invalid');
    const t = await moveContract(h, x.sponsor, c.id, 'terminated', 'Service no longer needed');
    expect(t).toMatchObject({
      status: 'terminated',
      terminationReason: 'Service no longer needed',
    });
  });

  it('refuses a reference the buyer already uses, but another buyer may use it', async () => {
    const c = await createContract(h, x.pm, { ...base(), reference: 'SC-2027-0001' });
    const dup = await h
      .http()
      .post('/api/v1/contracts')
      .set('authorization', x.pm.bearer)
      .send({
        ...base(),
        kind: 'commercial',
        reference: 'SC-2027-0001',
        title: 'Again',
        value: gbp(1),
        startsOn: '2027-01-01',
        endsOn: '2027-02-01',
      })
      .expect(409);
    expect(dup.body.code).toBe('contract.reference_taken');
    const other = await h.make.organisation('sponsor');
    const elsewhere = await createContract(h, x.pm, {
      buyerOrganisationId: other.id,
      startupOrganisationId: x.team.startupOrganisationId,
      roundId: x.team.roundId,
      reference: 'SC-2027-0001',
    });
    expect(elsewhere.reference).toBe(c.reference);
    expect(elsewhere.sponsorOrganisationId).toBeNull();
  });

  it('derives the current value and end date from the original and every amendment', async () => {
    const c = await awardedContract(h, x.pm, {
      ...base(),
      value: gbp(1_000_000),
      endsOn: '2027-06-30',
    });
    expectStatus(
      await amendContract(h, x.sponsor, c.id, { kind: 'extension', endsOn: '2027-09-30' }),
      201,
    );
    expectStatus(
      await amendContract(h, x.pm, c.id, { kind: 'value_change', value: gbp(1_250_000) }),
      201,
    );
    const last = expectStatus(
      await amendContract(h, x.sponsor, c.id, {
        kind: 'extension_and_value_change',
        endsOn: '2027-12-31',
        value: gbp(1_400_000),
      }),
      201,
    ).body;
    expect(last).toMatchObject({
      originalValue: gbp(1_000_000),
      currentValue: gbp(1_400_000),
      originalEndsOn: '2027-06-30',
      currentEndsOn: '2027-12-31',
      remaining: gbp(1_400_000),
    });
    expect(
      last.amendments.map((a: { number: number; kind: string }) => [a.number, a.kind]),
    ).toEqual([
      [1, 'extension'],
      [2, 'value_change'],
      [3, 'extension_and_value_change'],
    ]);
    // The contract row keeps the original terms.
    const [row] = await h
      .dataSource()
      .query(
        `SELECT value_amount_minor, to_char(ends_on, 'YYYY-MM-DD') AS ends_on FROM contracts WHERE id = $1`,
        [c.id],
      );
    expect(row).toEqual({ value_amount_minor: '1000000', ends_on: '2027-06-30' });

    const shorter = await amendContract(h, x.pm, c.id, { kind: 'extension', endsOn: '2027-10-01' });
    expect(expectStatus(shorter, 422).body.code).toBe('contract.invalid_dates');
    const mixed = await amendContract(h, x.pm, c.id, { kind: 'extension', value: gbp(1) });
    expect(expectStatus(mixed, 400).body.code).toBe('request.invalid');
    const euros = await amendContract(h, x.pm, c.id, {
      kind: 'value_change',
      value: { amountMinor: 5, currency: 'EUR' },
    });
    expect(expectStatus(euros, 422).body.code).toBe('contract.currency_mismatch');
    const startup = await amendContract(h, x.member, c.id, {
      kind: 'extension',
      endsOn: '2028-01-31',
    });
    expect(startup.status).toBe(403);
    const events = await h
      .dataSource()
      .query(
        `SELECT data FROM audit_events WHERE entity_id = $1 AND action = 'contract.amended' ORDER BY seq`,
        [c.id],
      );
    expect(events[1].data.value).toEqual({ from: gbp(1_000_000), to: gbp(1_250_000) });
  });

  it('takes payments exactly up to the current value and refuses one minor unit more', async () => {
    const c = await awardedContract(h, x.pm, { ...base(), value: gbp(100_000) });
    expectStatus(await payContract(h, x.sponsor, c.id, gbp(60_000)), 201);
    const over = await payContract(h, x.pm, c.id, gbp(40_001));
    expect(expectStatus(over, 422).body).toMatchObject({
      code: 'contract.ceiling_exceeded',
      remaining: gbp(40_000),
    });
    const exact = expectStatus(await payContract(h, x.pm, c.id, gbp(40_000)), 201).body;
    expect(exact).toMatchObject({ paid: gbp(100_000), remaining: gbp(0) });
    expect(expectStatus(await payContract(h, x.pm, c.id, gbp(1)), 422).body.code).toBe(
      'contract.ceiling_exceeded',
    );
    // A value change may not go below what is paid; raising it opens room again.
    const below = await amendContract(h, x.pm, c.id, { kind: 'value_change', value: gbp(99_999) });
    expect(expectStatus(below, 422).body.code).toBe('contract.value_below_paid');
    expectStatus(
      await amendContract(h, x.pm, c.id, { kind: 'value_change', value: gbp(100_001) }),
      201,
    );
    expectStatus(await payContract(h, x.pm, c.id, gbp(1)), 201);
  });

  it('refuses another currency (422), a negative or zero amount (400), a future date, a draft', async () => {
    const c = await awardedContract(h, x.pm, base());
    const usd = await payContract(h, x.pm, c.id, { amountMinor: 100, currency: 'USD' });
    expect(expectStatus(usd, 422).body.code).toBe('contract.currency_mismatch');
    expect(expectStatus(await payContract(h, x.pm, c.id, gbp(-1)), 400).body.code).toBe(
      'request.invalid',
    );
    expect(expectStatus(await payContract(h, x.pm, c.id, gbp(0)), 400).body.code).toBe(
      'request.invalid',
    );
    const future = await payContract(h, x.pm, c.id, gbp(1), { paidOn: '2030-01-01' });
    expect(expectStatus(future, 422).body.code).toBe('contract_payment.in_future');
    const draft = await createContract(h, x.pm, base());
    expect(expectStatus(await payContract(h, x.pm, draft.id, gbp(1)), 422).body.code).toBe(
      'contract.not_payable',
    );
    expect((await payContract(h, x.member, c.id, gbp(1))).status).toBe(403);
  });

  it('corrects a payment only by a reversal entry with a reason, once', async () => {
    const c = await awardedContract(h, x.pm, { ...base(), value: gbp(50_000) });
    const paid = expectStatus(await payContract(h, x.pm, c.id, gbp(50_000)), 201).body;
    const paymentId = paid.payments[0].id as string;
    const reverse = (body: object) =>
      h
        .http()
        .post(`/api/v1/contracts/${c.id}/payments/${paymentId}/reversal`)
        .set('authorization', x.sponsor.bearer)
        .send(body);
    expect((await reverse({})).status).toBe(400);
    const after = expectStatus(await reverse({ reason: 'Paid to the wrong account' }), 201).body;
    expect(after).toMatchObject({ paid: gbp(0), remaining: gbp(50_000) });
    expect(after.payments).toEqual([
      expect.objectContaining({
        id: paymentId,
        kind: 'payment',
        reversedByPaymentId: after.payments[1].id,
      }),
      expect.objectContaining({
        kind: 'reversal',
        amount: gbp(50_000),
        reversesPaymentId: paymentId,
        reason: 'Paid to the wrong account',
      }),
    ]);
    expect(expectStatus(await reverse({ reason: 'again' }), 409).body.code).toBe(
      'contract_payment.already_reversed',
    );
    expectStatus(await payContract(h, x.pm, c.id, gbp(50_000)), 201);
    const events = await h
      .dataSource()
      .query(
        `SELECT action, reason FROM audit_events WHERE entity_type = 'contract_payment' AND data->>'contractId' = $1 ORDER BY seq`,
        [c.id],
      );
    expect(events.map((e: { action: string }) => e.action)).toEqual([
      'contract_payment.recorded',
      'contract_payment.reversed',
      'contract_payment.recorded',
    ]);
  });

  it('edits a draft’s terms, and refuses to after the award', async () => {
    const c = await createContract(h, x.member, base());
    const edited = await h
      .http()
      .patch(`/api/v1/contracts/${c.id}`)
      .set('authorization', x.member.bearer)
      .set('if-match', String(c.version))
      .send({ value: gbp(2_000_000), reference: 'BUYER-REF-9' })
      .expect(200);
    expect(edited.body).toMatchObject({ originalValue: gbp(2_000_000), reference: 'BUYER-REF-9' });
    await moveContract(h, x.sponsor, c.id, 'awarded');
    const late = await h
      .http()
      .patch(`/api/v1/contracts/${c.id}`)
      .set('authorization', x.sponsor.bearer)
      .send({ title: 'Renamed' })
      .expect(409);
    expect(late.body.code).toBe('contract.not_draft');
  });

  it('lists by buyer, startup, round, kind, status and current end date', async () => {
    const other = await acceleratorTeam(h, { pm: x.pm });
    const mine = await awardedContract(h, x.pm, {
      ...base(),
      kind: 'framework_call_off',
      endsOn: '2027-03-31',
    });
    expectStatus(
      await amendContract(h, x.pm, mine.id, { kind: 'extension', endsOn: '2027-04-30' }),
      201,
    );
    const theirs = await createContract(h, x.pm, {
      buyerOrganisationId: other.team.sponsorOrganisationId,
      startupOrganisationId: other.team.startupOrganisationId,
      teamId: other.team.id,
      kind: 'framework_call_off',
      endsOn: '2027-03-31',
    });
    const list = async (q: string, user = x.pm) =>
      (
        await h.http().get(`/api/v1/contracts?${q}`).set('authorization', user.bearer).expect(200)
      ).body.items.map((c: { id: string }) => c.id);
    expect(await list(`kind=framework_call_off`)).toEqual([theirs.id, mine.id]);
    expect(await list(`kind=framework_call_off&status=awarded`)).toEqual([mine.id]);
    expect(
      await list(`kind=framework_call_off&buyerOrganisationId=${other.team.sponsorOrganisationId}`),
    ).toEqual([theirs.id]);
    expect(
      await list(`kind=framework_call_off&startupOrganisationId=${x.team.startupOrganisationId}`),
    ).toEqual([mine.id]);
    expect(await list(`kind=framework_call_off&roundId=${other.team.roundId}`)).toEqual([
      theirs.id,
    ]);
    // Extended to 30 April: no longer "ending before 1 April".
    expect(await list(`kind=framework_call_off&endingBefore=2027-04-01`)).toEqual([theirs.id]);
    expect(await list(`kind=framework_call_off`, x.member)).toEqual([mine.id]);
    expect(await list(`kind=framework_call_off`, other.sponsor)).toEqual([theirs.id]);
  });

  it('finds the contracts due for renewal within N days, by their current end date', async () => {
    const soon = await awardedContract(h, x.pm, {
      ...base(),
      kind: 'commercial',
      endsOn: '2027-02-10',
    });
    const extended = await awardedContract(h, x.pm, {
      ...base(),
      kind: 'commercial',
      endsOn: '2027-02-05',
    });
    expectStatus(
      await amendContract(h, x.pm, extended.id, { kind: 'extension', endsOn: '2027-08-01' }),
      201,
    );
    await createContract(h, x.pm, { ...base(), kind: 'commercial', endsOn: '2027-02-03' }); // a draft
    const due = await contractsEndingWithin(h.dataSource().manager, {
      today: '2027-01-15',
      days: 30,
      programmeIds: [x.team.programmeId],
    });
    const ids = due.map((d) => d.contractId);
    expect(ids).toContain(soon.id);
    expect(ids).not.toContain(extended.id);
    expect(due.find((d) => d.contractId === soon.id)).toMatchObject({
      currentEndsOn: '2027-02-10',
      daysLeft: 26,
      buyerOrganisationId: x.team.sponsorOrganisationId,
    });
    const later = await contractsEndingWithin(h.dataSource().manager, {
      today: '2027-07-01',
      days: 31,
    });
    expect(later.map((d) => d.contractId)).toContain(extended.id);
  });
});
