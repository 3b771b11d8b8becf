import {
  Harness,
  acceleratorTeam,
  addMilestone,
  TestUser,
  awardedContract,
  expectStatus,
  gbp,
  payContract,
} from '@catalyst/testing';

/**
 * The worst states, tried with raw SQL as the application's own database role (what a bug in any
 * handler, or someone with the app's credentials, could send): each is refused by a constraint,
 * a trigger or a missing privilege, so no code path can store it. Each case also stores the
 * nearest legal state, so a refusal means the rule and not a typo in the statement.
 */

/** The SQLSTATE of a refused statement, or 'none' when it was stored. */
async function sqlState(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    const e = error as { code?: string; driverError?: { code?: string } };
    return e.driverError?.code ?? e.code ?? 'unknown';
  }
  return 'none';
}

const CHECK = '23514';
const UNIQUE = '23505';
const DENIED = '42501';

describe('the database refuses the worst states, written as the app’s role', () => {
  const h = new Harness();
  let pm: TestUser;
  const app = (sql: string, params: unknown[] = []) => h.dataSource().query(sql, params);

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    pm = await h.make.programmeManager();
  });
  afterAll(() => h.teardown());

  it('is the app’s restricted role that writes here', async () => {
    const [{ owner }] = await app(
      `SELECT pg_get_userbyid(relowner) = current_user AS owner FROM pg_class WHERE relname = 'applications'`,
    );
    expect(owner).toBe(false);
  });

  it('refuses a score below zero or above the criterion’s maximum', async () => {
    const round = await h.make.round({ status: 'assessment' });
    const challenge = await h.make.challenge(round, { status: 'closed' });
    const application = await h.make.application(challenge);
    const {
      assessmentIds: [assessmentId],
    } = await h.make.assessments(application.id, ['assigned']);
    const score = (key: string, value: number, max = 10, weight = 1) =>
      app(
        `INSERT INTO assessment_scores (assessment_id, criterion_key, score, max_score, weight) VALUES ($1, $2, $3, $4, $5)`,
        [assessmentId, key, value, max, weight],
      );
    expect(await sqlState(score('a', 11))).toBe(CHECK);
    expect(await sqlState(score('b', -1))).toBe(CHECK);
    expect(await sqlState(score('c', 1, 0))).toBe(CHECK);
    expect(await sqlState(score('d', 1, 10, 0))).toBe(CHECK);
    expect(await sqlState(score('impact', 10))).toBe('none');
  });

  it('refuses a second live application of one company to one challenge', async () => {
    const round = await h.make.round();
    const challenge = await h.make.challenge(round);
    const first = await h.make.application(challenge, { status: 'draft', submittedAt: null });
    const again = () =>
      app(
        `INSERT INTO applications (challenge_id, round_id, programme_id, startup_organisation_id, status, answers, version)
         SELECT challenge_id, round_id, programme_id, startup_organisation_id, $2, '{}'::jsonb, 1 FROM applications WHERE id = $1`,
        [first.id, 'draft'],
      );
    expect(await sqlState(again())).toBe(UNIQUE);
    // Moving a withdrawn one back to life while another is live is the same state.
    await app(`UPDATE applications SET status = 'withdrawn' WHERE id = $1`, [first.id]);
    expect(await sqlState(again())).toBe('none');
    expect(
      await sqlState(app(`UPDATE applications SET status = 'draft' WHERE id = $1`, [first.id])),
    ).toBe(UNIQUE);
  });

  it('refuses negative money: contract values, payments, milestone payments, outcomes, budgets', async () => {
    const { team, member } = await acceleratorTeam(h, { pm });
    const contract = await awardedContract(h, pm, {
      buyerOrganisationId: team.sponsorOrganisationId,
      startupOrganisationId: team.startupOrganisationId,
      teamId: team.id,
      value: gbp(10_000),
    });
    expect(
      await sqlState(
        app(
          `INSERT INTO contracts (programme_id, buyer_organisation_id, startup_organisation_id, kind, reference, title, value_amount_minor, currency, starts_on, ends_on, version)
           VALUES ($3, $1, $2, 'commercial', 'NEG-1', 'Negative', -1, 'GBP', '2027-01-01', '2027-12-31', 1)`,
          [team.sponsorOrganisationId, team.startupOrganisationId, team.programmeId],
        ),
      ),
    ).toBe(CHECK);
    expect(
      await sqlState(
        app(
          `INSERT INTO contract_payments (contract_id, kind, amount_minor, currency, paid_on) VALUES ($1, 'payment', -100, 'GBP', '2027-01-10')`,
          [contract.id],
        ),
      ),
    ).toBe(CHECK);
    const milestone = await addMilestone(h, member, team.id, { payment: gbp(500) });
    expect(
      await sqlState(
        app(`UPDATE milestones SET payment_amount_minor = -1 WHERE id = $1`, [milestone.id]),
      ),
    ).toBe(CHECK);
    expect(
      await sqlState(
        app(
          `INSERT INTO outcomes (organisation_id, kind, value_amount_minor, value_currency, reported_on, reported_by_user_id) VALUES ($1, 'investment', -5, 'GBP', '2027-06-01', $2)`,
          [team.startupOrganisationId, member.id],
        ),
      ),
    ).toBe(CHECK);
    const round = await h.make.round();
    const challenge = await h.make.challenge(round);
    const budget = (amountMinor: number, at = 'accelerator') =>
      app(`UPDATE challenges SET budget = jsonb_set(budget, $2, $3::jsonb) WHERE id = $1`, [
        challenge.id,
        `{${at}}`,
        JSON.stringify({ amountMinor, currency: 'GBP' }),
      ]);
    expect(await sqlState(budget(-1))).toBe(CHECK);
    expect(await sqlState(budget(-1, 'followOn'))).toBe(CHECK);
    expect(await sqlState(budget(-1, 'exploration'))).toBe(CHECK);
    expect(await sqlState(budget(2.5))).toBe(CHECK);
    expect(await sqlState(budget(0, 'followOn'))).toBe('none');
  });

  it('refuses payments above the contract’s current value', async () => {
    const team = await h.make.team();
    const contract = await awardedContract(h, pm, {
      buyerOrganisationId: team.sponsorOrganisationId,
      startupOrganisationId: team.startupOrganisationId,
      teamId: team.id,
      value: gbp(10_000),
    });
    expectStatus(await payContract(h, pm, contract.id, gbp(7_000)), 201);
    const pay = (amount: number) =>
      app(
        `INSERT INTO contract_payments (contract_id, kind, amount_minor, currency, paid_on) VALUES ($1, 'payment', $2, 'GBP', '2027-01-10')`,
        [contract.id, amount],
      );
    expect(await sqlState(pay(3_001))).toBe(CHECK);
    expect(
      await sqlState(
        app(`UPDATE contracts SET value_amount_minor = 1 WHERE id = $1`, [contract.id]),
      ),
    ).toBe(CHECK);
    expect(await sqlState(pay(3_000))).toBe('none');
    expect(await sqlState(pay(1))).toBe(CHECK);
  });

  it('refuses any change to the audit trail: update, delete, truncate, disabling its trigger', async () => {
    await app(
      `INSERT INTO audit_events (action, entity_type, entity_id) VALUES ('thing.noted', 'thing', 'hostile')`,
    );
    const [{ id }] = await app(`SELECT id FROM audit_events WHERE entity_id = 'hostile'`);
    expect(
      await sqlState(app(`UPDATE audit_events SET action = 'forged' WHERE id = $1`, [id])),
    ).toBe(DENIED);
    expect(await sqlState(app(`DELETE FROM audit_events WHERE id = $1`, [id]))).toBe(DENIED);
    expect(await sqlState(app(`TRUNCATE audit_events`))).toBe(DENIED);
    expect(await sqlState(app(`ALTER TABLE audit_events DISABLE TRIGGER USER`))).toBe(DENIED);
    // Even the owner, who holds every privilege, is stopped by the trigger.
    expect(
      await sqlState(h.ownerQuery(`UPDATE audit_events SET action = 'forged' WHERE id = $1`, [id])),
    ).not.toBe('none');
    expect(await sqlState(h.ownerQuery(`DELETE FROM audit_events WHERE id = $1`, [id]))).not.toBe(
      'none',
    );
    const [{ action }] = await app(`SELECT action FROM audit_events WHERE id = $1`, [id]);
    expect(action).toBe('thing.noted');
  });
});
