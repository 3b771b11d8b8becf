import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@catalyst/database';
import { loadMigrations } from '@catalyst/database/migrations';
import {
  TEST_ADMIN_URL,
  assertTestDatabaseName,
  databaseUrl,
  dropDatabase,
} from '@catalyst/database/testing/test-database';

jest.setTimeout(120_000);

/** The last migration before programmes, and the one that brings them. */
const BEFORE_PROGRAMMES = 1796400000000;
const PROGRAMMES = 1796700000000;

function timestampOf(migration: { name: string }): number {
  const match = /(\d{13})$/.exec(migration.name);
  if (!match) throw new Error(`migration ${migration.name} has no timestamp in its name`);
  return Number(match[1]);
}

/** Runs the project's migrations up to and including `last` (all of them when omitted). */
async function migrate(url: string, last = Number.MAX_SAFE_INTEGER): Promise<string[]> {
  const migrations = loadMigrations().filter((m) => timestampOf(m) <= last);
  const ds = new DataSource({ ...dataSourceOptions(url), migrations });
  await ds.initialize();
  try {
    return (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

/** A database of its own (not the tests' migrated template), as the owner, dropped after. */
class ScratchDatabase {
  readonly name = `catalyst_test_migration_${randomBytes(5).toString('hex')}`;
  readonly url = databaseUrl(this.name);
  private client?: Client;

  async create(): Promise<this> {
    assertTestDatabaseName(this.name);
    const admin = new Client({ connectionString: TEST_ADMIN_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${this.name}"`);
    } finally {
      await admin.end();
    }
    return this;
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    if (!this.client) {
      this.client = new Client({ connectionString: this.url });
      await this.client.connect();
    }
    return (await this.client.query(sql, params)).rows as T[];
  }

  /** The one id of an INSERT … RETURNING id. */
  async insert(sql: string, params: unknown[] = []): Promise<string> {
    const [row] = await this.query<{ id: string }>(`${sql} RETURNING id`, params);
    return row.id;
  }

  async drop(): Promise<void> {
    await this.client?.end();
    this.client = undefined;
    await dropDatabase(this.name);
  }
}

const PROGRAMME_TABLES = ['rounds', 'challenges', 'applications', 'assessments', 'teams'] as const;

/**
 * The Programmes migration on an instance that ran without programmes: what it held keeps
 * working as one default programme of its first operator, and an empty instance gets none.
 */
describe('the programmes migration', () => {
  describe('on an instance with rounds, challenges, applications and an audit trail', () => {
    const db = new ScratchDatabase();
    const ids = {} as Record<
      | 'operator'
      | 'laterOperator'
      | 'sponsor'
      | 'startup'
      | 'pm'
      | 'laterPm'
      | 'sponsorUser'
      | 'assessor'
      | 'round'
      | 'challenge'
      | 'application'
      | 'assessment'
      | 'team'
      | 'auditEvent',
      string
    >;
    let applied: string[];

    beforeAll(async () => {
      await db.create();
      const before = await migrate(db.url, BEFORE_PROGRAMMES);
      expect(before.at(-1)).toBe(`RoundClosedAtInvitationVersion${BEFORE_PROGRAMMES}`);
      expect(before.some((name) => timestampOf({ name }) >= PROGRAMMES)).toBe(false);

      const org = (name: string, kind: string, createdAt: string) =>
        db.insert(
          `INSERT INTO organisations (name, kind, sme, created_at, version)
           VALUES ($1, $2, $3, $4, 1)`,
          [name, kind, kind === 'startup' ? true : null, createdAt],
        );
      ids.operator = await org('CivTech team', 'operator', '2026-01-01T09:00:00Z');
      ids.laterOperator = await org('Another team', 'operator', '2026-06-01T09:00:00Z');
      ids.sponsor = await org('Highland Council', 'sponsor', '2026-02-01T09:00:00Z');
      ids.startup = await org('Acme Sensors', 'startup', '2026-03-01T09:00:00Z');
      const user = async (email: string, organisationId: string, role: string, at: string) => {
        const id = await db.insert(
          `INSERT INTO users (email, name, password_hash, version) VALUES ($1, $2, 'x', 1)`,
          [email, email.split('@')[0]],
        );
        await db.query(
          `INSERT INTO memberships (user_id, organisation_id, role, created_at)
           VALUES ($1, $2, $3, $4)`,
          [id, organisationId, role, at],
        );
        return id;
      };
      ids.sponsorUser = await user('sponsor@example.test', ids.sponsor, 'sponsor', '2026-01-01');
      ids.pm = await user('first-pm@example.test', ids.operator, 'programme_manager', '2026-01-02');
      ids.laterPm = await user(
        'later-pm@example.test',
        ids.operator,
        'programme_manager',
        '2026-05-01',
      );
      ids.assessor = await user('assessor@example.test', ids.sponsor, 'assessor', '2026-02-02');
      ids.round = await db.insert(
        `INSERT INTO rounds (name, timezone, status, opens_at, closes_at, accelerator_starts_on,
                             accelerator_ends_on, version)
         VALUES ('CivTech 10', 'Europe/London', 'assessment', '2026-09-01T09:00:00Z',
                 '2026-10-01T11:00:00Z', '2026-12-01', '2027-03-20', 1)`,
      );
      ids.challenge = await db.insert(
        `INSERT INTO challenges (round_id, sponsor_organisation_id, title, summary,
                                 problem_statement, budget, questions, rubric, status, version)
         VALUES ($1, $2, 'Bins that tell you', 'Bins overflow.', 'Routes ignore how full bins are.',
                 '{}', '[]', '[{"key":"impact","label":"Impact","weight":1,"maxScore":10}]',
                 'closed', 1)`,
        [ids.round, ids.sponsor],
      );
      ids.application = await db.insert(
        `INSERT INTO applications (challenge_id, round_id, startup_organisation_id, status,
                                   submitted_at, version)
         VALUES ($1, $2, $3, 'selected', '2026-09-20T10:00:00Z', 1)`,
        [ids.challenge, ids.round, ids.startup],
      );
      ids.assessment = await db.insert(
        `INSERT INTO assessments (application_id, assessor_user_id, challenge_id, status, version)
         VALUES ($1, $2, $3, 'assigned', 1)`,
        [ids.application, ids.assessor, ids.challenge],
      );
      ids.team = await db.insert(
        `INSERT INTO teams (round_id, application_id, startup_organisation_id, challenge_id,
                            sponsor_organisation_id)
         VALUES ($1, $2, $3, $4, $5)`,
        [ids.round, ids.application, ids.startup, ids.challenge, ids.sponsor],
      );
      ids.auditEvent = await db.insert(
        `INSERT INTO audit_events (actor_id, action, entity_type, entity_id, to_state)
         VALUES ($1, 'round.assessment', 'round', $2, 'assessment')`,
        [ids.pm, ids.round],
      );

      applied = await migrate(db.url, PROGRAMMES);
    });
    afterAll(() => db.drop());

    it('runs the programmes migration alone', () => {
      expect(applied).toEqual([`Programmes${PROGRAMMES}`]);
    });

    it('creates one default programme run by the first operator', async () => {
      const programmes = await db.query(
        `SELECT operator_organisation_id, name, slug, timezone, currency, version FROM programmes`,
      );
      expect(programmes).toEqual([
        {
          operator_organisation_id: ids.operator,
          name: 'CivTech team',
          slug: 'default',
          timezone: 'Europe/London',
          currency: 'GBP',
          version: 1,
        },
      ]);
    });

    it('puts every round, challenge, application, assessment and team in it', async () => {
      const [{ id: programme }] = await db.query<{ id: string }>(`SELECT id FROM programmes`);
      for (const table of PROGRAMME_TABLES) {
        const rows = await db.query<{ programme_id: string | null }>(
          `SELECT programme_id FROM ${table}`,
        );
        expect([table, rows]).toEqual([table, [{ programme_id: programme }]]);
      }
    });

    it('makes the first programme manager, and nobody else, the instance administrator', async () => {
      const admins = await db.query<{ id: string }>(
        `SELECT id FROM users WHERE instance_admin ORDER BY id`,
      );
      expect(admins).toEqual([{ id: ids.pm }]);
    });

    it('leaves the existing audit trail as it was: instance-level', async () => {
      const events = await db.query(`SELECT id, action, programme_id FROM audit_events`);
      expect(events).toEqual([
        { id: ids.auditEvent, action: 'round.assessment', programme_id: null },
      ]);
    });

    it('keeps new rows in their parent’s programme from then on', async () => {
      const [{ id: programme }] = await db.query<{ id: string }>(`SELECT id FROM programmes`);
      const challenge = await db.insert(
        `INSERT INTO challenges (round_id, sponsor_organisation_id, title, summary,
                                 problem_statement, budget, questions, rubric, version)
         VALUES ($1, $2, 'Potholes', 'Potholes grow.', 'Nobody reports them.', '{}', '[]', '[]', 1)`,
        [ids.round, ids.sponsor],
      );
      const [row] = await db.query(`SELECT programme_id FROM challenges WHERE id = $1`, [
        challenge,
      ]);
      expect(row).toEqual({ programme_id: programme });
    });

    it('takes the later migrations on top, the old audit rows still instance-level', async () => {
      const later = await migrate(db.url);
      expect(later.every((name) => timestampOf({ name }) > PROGRAMMES)).toBe(true);
      const events = await db.query(
        `SELECT programme_id, operator_organisation_id FROM audit_events WHERE id = $1`,
        [ids.auditEvent],
      );
      expect(events).toEqual([{ programme_id: null, operator_organisation_id: null }]);
    });
  });

  describe('on an empty instance', () => {
    const db = new ScratchDatabase();
    beforeAll(async () => {
      await db.create();
      await migrate(db.url, BEFORE_PROGRAMMES);
      await migrate(db.url, PROGRAMMES);
    });
    afterAll(() => db.drop());

    it('creates no programme and no organisation', async () => {
      const [counts] = await db.query(
        `SELECT (SELECT count(*)::int FROM programmes) AS programmes,
                (SELECT count(*)::int FROM organisations) AS organisations`,
      );
      expect(counts).toEqual({ programmes: 0, organisations: 0 });
    });
  });

  describe('on an instance with rounds but no operator organisation', () => {
    const db = new ScratchDatabase();
    beforeAll(async () => {
      await db.create();
      await migrate(db.url, BEFORE_PROGRAMMES);
      await db.query(
        `INSERT INTO rounds (name, timezone, status, opens_at, closes_at, accelerator_starts_on,
                             accelerator_ends_on, version)
         VALUES ('STiR 2026', 'America/Los_Angeles', 'draft', '2026-09-01T16:00:00Z',
                 '2026-10-01T19:00:00Z', '2026-12-01', '2027-03-20', 1)`,
      );
      await migrate(db.url, PROGRAMMES);
    });
    afterAll(() => db.drop());

    it('creates an operator to run the default programme, in the rounds’ time zone', async () => {
      const rows = await db.query(
        `SELECT o.name AS operator, o.kind, p.slug, p.timezone,
                (SELECT count(*)::int FROM rounds r WHERE r.programme_id = p.id) AS rounds
           FROM programmes p JOIN organisations o ON o.id = p.operator_organisation_id`,
      );
      expect(rows).toEqual([
        {
          operator: 'Programme operator',
          kind: 'operator',
          slug: 'default',
          timezone: 'America/Los_Angeles',
          rounds: 1,
        },
      ]);
    });
  });
});
