import {
  Harness,
  TestUser,
  amendContract,
  awardedContract,
  createContract,
  expectStatus,
  gbp,
  minimalPdf,
  moveContract,
  payContract,
} from '@catalyst/testing';

const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

/** The PostgreSQL error code of a refused statement. */
async function sqlError(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    const e = error as { code?: string; driverError?: { code?: string } };
    return e.driverError?.code ?? e.code ?? 'unknown';
  }
  return 'none';
}

describe('contracts: impact totals, outcomes and the database’s own guarantees', () => {
  const h = new Harness();
  let pm: TestUser;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    pm = await h.make.programmeManager();
  });
  afterAll(() => h.teardown());

  describe('totals per round, sponsor and buyer, per currency', () => {
    it('match the sums by hand, with GBP and EUR kept apart', async () => {
      const round = await h.make.round({
        status: 'accelerator',
        closedAt: new Date('2027-02-01T12:00:00Z'),
      });
      const [s1, s2, s3] = [
        await h.make.organisation('sponsor'),
        await h.make.organisation('sponsor'),
        await h.make.organisation('sponsor'),
      ];
      const t1 = await h.make.team({ round, sponsorOrganisationId: s1.id });
      const t2 = await h.make.team({ round, sponsorOrganisationId: s2.id });
      const elsewhere = await h.make.team({ sponsorOrganisationId: s1.id });
      const a = t1.startupOrganisationId;
      const b = t2.startupOrganisationId;

      // Counted:
      const c1 = await awardedContract(h, pm, {
        buyerOrganisationId: s1.id,
        startupOrganisationId: a,
        teamId: t1.id,
        value: gbp(100_000),
      });
      expectStatus(
        await amendContract(h, pm, c1.id, { kind: 'value_change', value: gbp(150_000) }),
        201,
      );
      await awardedContract(h, pm, {
        buyerOrganisationId: s3.id,
        startupOrganisationId: a,
        roundId: round.id,
        kind: 'commercial',
        value: gbp(200_000),
      });
      await awardedContract(h, pm, {
        buyerOrganisationId: s3.id,
        startupOrganisationId: b,
        roundId: round.id,
        kind: 'framework_call_off',
        value: eur(300_000),
      });
      const c4 = await awardedContract(h, pm, {
        buyerOrganisationId: s2.id,
        startupOrganisationId: b,
        teamId: t2.id,
        kind: 'commercial',
        value: eur(50_000),
      });
      await moveContract(h, pm, c4.id, 'terminated', 'Budget withdrawn'); // won, so it counts
      // Not counted: never awarded, a programme contract, another round's company.
      await createContract(h, pm, {
        buyerOrganisationId: s3.id,
        startupOrganisationId: a,
        roundId: round.id,
        value: gbp(999),
      });
      await awardedContract(h, pm, {
        buyerOrganisationId: s1.id,
        startupOrganisationId: a,
        teamId: t1.id,
        kind: 'exploration',
        value: gbp(5_000),
      });
      await awardedContract(h, pm, {
        buyerOrganisationId: s1.id,
        startupOrganisationId: elsewhere.startupOrganisationId,
        teamId: elsewhere.id,
        value: gbp(1_234),
      });

      const roundTotals = (
        await h
          .http()
          .get(`/api/v1/rounds/${round.id}/contract-totals`)
          .set('authorization', pm.bearer)
          .expect(200)
      ).body;
      expect(roundTotals).toEqual({
        scope: 'round',
        id: round.id,
        kinds: ['follow_on', 'commercial', 'framework_call_off'],
        contracts: 4,
        buyers: 3,
        contractsFromOtherBuyers: 2,
        byCurrency: [
          {
            currency: 'EUR',
            contracts: 2,
            value: eur(350_000),
            valueFromOtherBuyers: eur(300_000),
            shareFromOtherBuyers: 0.8571,
          },
          {
            currency: 'GBP',
            contracts: 2,
            value: gbp(350_000),
            valueFromOtherBuyers: gbp(200_000),
            shareFromOtherBuyers: 0.5714,
          },
        ],
      });

      const org = (id: string, user = pm) =>
        h
          .http()
          .get(`/api/v1/organisations/${id}/contract-totals`)
          .set('authorization', user.bearer);
      const s1Totals = (await org(s1.id).expect(200)).body;
      // S1 sponsored A (this round) and another company elsewhere: A's two, plus the 1,234.
      expect(s1Totals.asSponsor).toMatchObject({
        contracts: 3,
        buyers: 2,
        contractsFromOtherBuyers: 1,
        byCurrency: [
          {
            currency: 'GBP',
            contracts: 3,
            value: gbp(351_234),
            valueFromOtherBuyers: gbp(200_000),
          },
        ],
      });
      expect(s1Totals.asBuyer).toMatchObject({
        contracts: 2,
        buyers: 1,
        contractsFromOtherBuyers: 0,
      });
      const s3Totals = (await org(s3.id).expect(200)).body;
      expect(s3Totals.asBuyer).toMatchObject({
        contracts: 2,
        buyers: 1,
        contractsFromOtherBuyers: 2,
        byCurrency: [
          { currency: 'EUR', value: eur(300_000), shareFromOtherBuyers: 1 },
          { currency: 'GBP', value: gbp(200_000), shareFromOtherBuyers: 1 },
        ],
      });
      const member = await h.make.sponsor(s3.id);
      expect((await org(s3.id, member).expect(200)).body.asBuyer.contracts).toBe(2);
      expect((await org(s3.id, await h.make.sponsor()).expect(404)).body.code).toBe(
        'organisation.not_found',
      );
      const otherPm = await h.make.programmeManager(
        (await h.make.programme()).operatorOrganisationId,
      );
      await h
        .http()
        .get(`/api/v1/rounds/${round.id}/contract-totals`)
        .set('authorization', otherPm.bearer)
        .expect(404);
      expect((await org(s3.id, otherPm).expect(200)).body.asBuyer.contracts).toBe(0);
    });
  });

  describe('outcomes', () => {
    it('are reported by the startup or a programme manager for it, corrected by new entries', async () => {
      const team = await h.make.team();
      const member = await h.make.startupMember(team.startupOrganisationId);
      const path = `/api/v1/organisations/${team.startupOrganisationId}/outcomes`;
      const report = (user: TestUser, body: object) =>
        h.http().post(path).set('authorization', user.bearer).send(body);
      const raised = expectStatus(
        await report(member, {
          kind: 'investment',
          value: gbp(50_000_000),
          reportedOn: '2027-06-01',
        }),
        201,
      ).body;
      expect(raised).toMatchObject({
        kind: 'investment',
        value: gbp(50_000_000),
        onBehalf: false,
        current: true,
      });
      const jobs = expectStatus(
        await report(pm, {
          kind: 'jobs',
          count: 4,
          reportedOn: '2027-06-30',
          note: 'From the board pack',
        }),
        201,
      ).body;
      expect(jobs.onBehalf).toBe(true);
      expectStatus(
        await report(member, {
          kind: 'public_buyer',
          buyerName: 'Fife Council',
          reportedOn: '2027-07-01',
        }),
        201,
      );
      const corrected = expectStatus(
        await report(member, {
          kind: 'investment',
          value: gbp(45_000_000),
          reportedOn: '2027-06-01',
          correctsOutcomeId: raised.id,
          note: 'Final close was lower',
        }),
        201,
      ).body;
      const twice = await report(member, {
        kind: 'investment',
        value: gbp(1),
        reportedOn: '2027-06-01',
        correctsOutcomeId: raised.id,
      });
      expect(expectStatus(twice, 409).body.code).toBe('outcome.already_corrected');
      const wrongKind = await report(member, {
        kind: 'jobs',
        value: gbp(1),
        reportedOn: '2027-06-01',
      });
      expect(expectStatus(wrongKind, 422).body.code).toBe('outcome.invalid_figures');

      const list = (await h.http().get(path).set('authorization', member.bearer).expect(200)).body
        .items;
      expect(list.map((o: { id: string; current: boolean }) => [o.id, o.current])).toEqual([
        [raised.id, false],
        [jobs.id, true],
        [expect.any(String), true],
        [corrected.id, true],
      ]);
      expect(list[0].correctedByOutcomeId).toBe(corrected.id);

      const upload = await h
        .http()
        .post('/api/v1/documents')
        .set('authorization', member.bearer)
        .field('attachToType', 'outcome')
        .field('attachToId', corrected.id)
        .attach('file', minimalPdf(), {
          filename: 'term-sheet.pdf',
          contentType: 'application/pdf',
        });
      expectStatus(upload, 201);

      const stranger = await h.make.startupMember();
      expect((await h.http().get(path).set('authorization', stranger.bearer)).status).toBe(404);
      const otherPm = await h.make.programmeManager(
        (await h.make.programme()).operatorOrganisationId,
      );
      expect(
        (await report(otherPm, { kind: 'jobs', count: 1, reportedOn: '2027-01-01' })).status,
      ).toBe(404);
      expect(
        (
          await h
            .http()
            .get(`/api/v1/documents/${upload.body.id}/meta`)
            .set('authorization', otherPm.bearer)
        ).status,
      ).toBe(404);
      await h
        .http()
        .get(`/api/v1/documents/${upload.body.id}/meta`)
        .set('authorization', pm.bearer)
        .expect(200);
    });
  });

  describe('the database refuses the worst states, whatever writes them', () => {
    let contractId: string;
    let paymentId: string;
    const app = (sql: string, params: unknown[] = []) => h.dataSource().query(sql, params);

    beforeAll(async () => {
      const team = await h.make.team();
      const c = await awardedContract(h, pm, {
        buyerOrganisationId: team.sponsorOrganisationId,
        startupOrganisationId: team.startupOrganisationId,
        teamId: team.id,
        value: gbp(10_000),
      });
      contractId = c.id;
      paymentId = expectStatus(await payContract(h, pm, c.id, gbp(4_000)), 201).body.payments[0].id;
    });

    const insertPayment = (amount: number, currency = 'GBP') =>
      app(
        `INSERT INTO contract_payments (contract_id, kind, amount_minor, currency, paid_on) VALUES ($1, 'payment', $2, $3, '2027-01-10')`,
        [contractId, amount, currency],
      );

    it('lets the app only append to the ledger, the amendments and the outcomes', async () => {
      expect(
        await sqlError(
          app(`UPDATE contract_payments SET amount_minor = 1 WHERE id = $1`, [paymentId]),
        ),
      ).toBe('42501');
      expect(await sqlError(app(`DELETE FROM contract_payments WHERE id = $1`, [paymentId]))).toBe(
        '42501',
      );
      expect(await sqlError(app(`DELETE FROM contract_amendments`))).toBe('42501');
      expect(await sqlError(app(`UPDATE outcomes SET count = 1`))).toBe('42501');
    });

    it('refuses a payment above the current value, in another currency, or not positive', async () => {
      expect(await sqlError(insertPayment(6_001))).toBe('23514');
      expect(await sqlError(insertPayment(1, 'EUR'))).toBe('23514');
      expect(await sqlError(insertPayment(-5))).toBe('23514');
      expect(await sqlError(insertPayment(0))).toBe('23514');
      expect(await sqlError(insertPayment(6_000))).toBe('none'); // exactly at the limit
    });

    it('refuses a reversal that does not mirror its payment, and a second one', async () => {
      const reversal = (amount: number) =>
        app(
          `INSERT INTO contract_payments (contract_id, kind, amount_minor, currency, paid_on, reverses_payment_id, reason) VALUES ($1, 'reversal', $2, 'GBP', '2027-01-11', $3, 'wrong')`,
          [contractId, amount, paymentId],
        );
      expect(await sqlError(reversal(3_999))).toBe('23514');
      expect(await sqlError(reversal(4_000))).toBe('none');
      expect(await sqlError(reversal(4_000))).toBe('23505');
    });

    it('keeps an awarded contract’s terms and never deletes it; amendments never go below paid', async () => {
      expect(
        await sqlError(
          app(`UPDATE contracts SET value_amount_minor = 1 WHERE id = $1`, [contractId]),
        ),
      ).toBe('23514');
      expect(
        await sqlError(
          app(`UPDATE contracts SET ends_on = '2030-01-01' WHERE id = $1`, [contractId]),
        ),
      ).toBe('23514');
      expect(await sqlError(app(`DELETE FROM contracts WHERE id = $1`, [contractId]))).toBe(
        '23514',
      );
      const [{ paid }] = await app(
        `SELECT contract_paid($1)::int AS paid FROM contracts WHERE id = $1`,
        [contractId],
      );
      expect(
        await sqlError(
          app(
            `INSERT INTO contract_amendments (contract_id, number, kind, value_amount_minor, reason) VALUES ($1, 90, 'value_change', $2, 'cut')`,
            [contractId, paid - 1],
          ),
        ),
      ).toBe('23514');
      expect(
        await sqlError(
          app(
            `INSERT INTO contract_amendments (contract_id, number, kind, value_amount_minor, reason) VALUES ($1, 91, 'value_change', -1, 'x')`,
            [contractId],
          ),
        ),
      ).toBe('23514');
    });
  });
});
