import { JwtService } from '@nestjs/jwt';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@catalyst/database';
import { AccessTokenService } from '@catalyst/identity';
import { Factories, TestUser } from '../../support/factories';
import { WebhookReceiver } from '../../notifications/test-servers';
import { eventually } from './processes';
import { ApiProcess, Answer, JWT_SECRET, Stack } from './stack';

export const VALID_ANSWERS = {
  approach: 'Sensors on every bin, routes planned nightly.',
  team_size: 4,
  website: 'https://bins.example.org',
  stage: 'prototype',
};

/** What one write of the burst did: the application it made, and how the API answered. */
export interface Write {
  founder: TestUser;
  challengeId: string;
  applicationId?: string;
  draft?: Answer;
  submit?: Answer;
  outcome?: Answer;
}

/** A write that the API confirmed end to end. */
export function confirmed(write: Write): boolean {
  return write.submit?.status === 200 && write.outcome?.status === 201;
}

/** Counts a scenario reports (README: "the figures of the last full run"). */
export interface Figures {
  requests: number;
  writesChecked: number;
  duplicates: number;
  [key: string]: number | string;
}

/**
 * The writes every fault scenario makes and then audits: companies submit applications (an
 * audit row each, the company's in-app notification, the programme operator's webhook) and
 * report outcomes, through whichever API processes are given. Rows are made with the test
 * factories straight in the scenario's own database; everything under test goes over HTTP.
 */
export class Workload {
  readonly receiver = new WebhookReceiver();
  make!: Factories;
  manager!: TestUser;
  challenges: string[] = [];
  roundId!: string;
  private dataSource!: DataSource;
  private pool: TestUser[] = [];
  private nextChallenge = 0;

  constructor(private readonly stack: Stack) {}

  /** Challenges open for applications, and the operator's webhook for every application event. */
  async prepare(api: ApiProcess, options: { challenges?: number } = {}): Promise<this> {
    this.dataSource = createDataSource(this.stack.pg.url, 'resilience-factories');
    await this.dataSource.initialize();
    this.make = new Factories(
      this.dataSource,
      new AccessTokenService(new JwtService({ secret: JWT_SECRET })),
    );
    await this.receiver.start();
    this.manager = await this.make.programmeManager();
    const round = await this.make.round({
      opensAt: new Date(Date.now() - 86_400_000),
      closesAt: new Date(Date.now() + 30 * 86_400_000),
    });
    this.roundId = round.id;
    for (let i = 0; i < (options.challenges ?? 3); i++) {
      this.challenges.push((await this.make.challenge(round)).id);
    }
    const hook = await api.request(
      'POST',
      `/api/v1/organisations/${this.manager.organisationId}/webhooks`,
      {
        bearer: this.manager.bearer,
        body: { url: this.receiver.url(), events: ['application.submitted'] },
      },
    );
    if (hook.status !== 201)
      throw new Error(`webhook: ${hook.status} ${JSON.stringify(hook.body)}`);
    return this;
  }

  /** A report asked for through `api` (202; the same request again answers the same report). */
  async requestReport(
    api: ApiProcess,
    format: 'json' | 'csv' | 'html' = 'json',
  ): Promise<Answer<{ id: string; status: string }>> {
    return api.request<{ id: string; status: string }>('POST', '/api/v1/reports', {
      bearer: this.manager.bearer,
      body: { kind: 'round_funnel', roundId: this.roundId, format },
    });
  }

  /** Reports and their `report-ready` notifications (expected: one each). */
  async reports(ids: string[]): Promise<{ id: string; status: string; told: number }[]> {
    return this.stack.pg.query(
      `SELECT r.id, r.status,
              (SELECT count(*)::int FROM notification_deliveries d
                WHERE d.subject = 'report:' || r.id AND d.channel = 'in_app') AS told
         FROM reports r WHERE r.id = ANY($1)`,
      [ids],
    );
  }

  /** `n` companies with one member each, ready to apply. */
  async founders(n: number): Promise<TestUser[]> {
    const made = [];
    for (let i = 0; i < n; i++) made.push(await this.make.startupMember());
    this.pool.push(...made);
    return made;
  }

  /** One company's draft, submission and outcome report through `api`; stops at the first refusal. */
  async write(api: ApiProcess, founder: TestUser, challengeId?: string): Promise<Write> {
    const write: Write = {
      founder,
      challengeId: challengeId ?? this.challenges[this.nextChallenge++ % this.challenges.length],
    };
    write.draft = await api.request(
      'POST',
      `/api/v1/challenges/${write.challengeId}/applications`,
      {
        bearer: founder.bearer,
        body: { answers: VALID_ANSWERS },
      },
    );
    if (write.draft.status !== 201) return write;
    write.applicationId = (write.draft.body as { id: string }).id;
    write.submit = await api.request(
      'POST',
      `/api/v1/applications/${write.applicationId}/transitions`,
      { bearer: founder.bearer, body: { to: 'submitted' } },
    );
    if (write.submit.status !== 200) return write;
    write.outcome = await api.request(
      'POST',
      `/api/v1/organisations/${founder.organisationId}/outcomes`,
      {
        bearer: founder.bearer,
        body: { kind: 'jobs', count: 3, reportedOn: '2026-11-30', note: write.applicationId },
      },
    );
    return write;
  }

  /**
   * Every confirmed write is in the database with its audit rows, exactly one in-app
   * notification and exactly one webhook per submission (once the queues have caught up);
   * an unconfirmed one left nothing half-written (a draft without its audit row, an outcome
   * without its application). Returns the duplicates found (expected: 0).
   */
  async audit(
    writes: Write[],
    timeoutMs = 90_000,
  ): Promise<{ duplicates: number; checked: number; redeliveries: number }> {
    const done = writes.filter(confirmed);
    const ids = done.map((w) => w.applicationId!);
    await eventually(
      `every one of ${ids.length} submissions is notified and sent to the webhook`,
      async () => {
        const [{ n }] = await this.stack.pg.query<{ n: number }>(
          `SELECT count(DISTINCT subject)::int AS n FROM notification_deliveries
            WHERE rule = 'application-submitted' AND subject = ANY($1)`,
          [ids.map((id) => `application:${id}`)],
        );
        const hooked = new Set(this.hookedApplications());
        return n === ids.length && ids.every((id) => hooked.has(id));
      },
      Boolean,
      timeoutMs,
    );
    let duplicates = 0;
    const rows = await this.stack.pg.query<{ id: string; status: string; actions: string[] }>(
      `SELECT a.id, a.status,
              array(SELECT e.action FROM audit_events e WHERE e.entity_id = a.id::text ORDER BY e.seq) AS actions
         FROM applications a WHERE a.id = ANY($1)`,
      [ids],
    );
    expect(rows).toHaveLength(ids.length);
    for (const row of rows) {
      expect(row.status).toBe('submitted');
      expect(row.actions.filter((a) => a === 'application.submitted')).toHaveLength(1);
    }
    const perSubject = await this.stack.pg.query<{ subject: string; n: number }>(
      `SELECT subject, count(*)::int AS n FROM notification_deliveries
        WHERE rule = 'application-submitted' AND subject = ANY($1) GROUP BY subject`,
      [ids.map((id) => `application:${id}`)],
    );
    const inApp = await this.stack.pg.query<{ n: number }>(
      `SELECT subject_id, count(*)::int AS n FROM notifications
        WHERE kind = 'application-submitted' AND subject_id = ANY($1)
        GROUP BY subject_id HAVING count(*) > 1`,
      [ids],
    );
    // A webhook message is the event's `webhook-id`: the same id sent again (the receiver's
    // answer arrived, recording it did not) is a redelivery the receiver drops by that id, as
    // Standard Webhooks asks; two ids for one event would be a duplicate no receiver can spot.
    const messages = new Map<string, Set<string>>();
    for (const hook of this.receiver.received) {
      const id = this.applicationOf(hook.body);
      messages.set(id, (messages.get(id) ?? new Set()).add(String(hook.headers['webhook-id'])));
    }
    const redeliveries =
      this.receiver.received.length - [...messages.values()].reduce((n, m) => n + m.size, 0);
    const twice = {
      deliveries: perSubject.filter((r) => r.n > 1).length,
      inApp: inApp.length,
      webhooks: [...messages.values()].filter((m) => m.size > 1).length,
    };
    if (twice.deliveries + twice.inApp + twice.webhooks) {
      console.warn(`delivered more than once: ${JSON.stringify(twice)}`);
    }
    duplicates += twice.deliveries + twice.inApp + twice.webhooks;
    const outcomes = await this.stack.pg.query<{ note: string; n: number }>(
      `SELECT note, count(*)::int AS n FROM outcomes WHERE note = ANY($1) GROUP BY note`,
      [ids],
    );
    expect(outcomes.map((o) => o.note).sort()).toEqual([...ids].sort());
    duplicates += outcomes.filter((o) => o.n > 1).length;
    // Nothing half-written: every application and outcome has its audit row.
    const [{ unaudited }] = await this.stack.pg.query<{ unaudited: number }>(
      `SELECT count(*)::int AS unaudited FROM applications a
        WHERE NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.entity_id = a.id::text)`,
    );
    expect(unaudited).toBe(0);
    return { duplicates, checked: ids.length, redeliveries };
  }

  /**
   * Nothing half-written, whatever the API answered: every application and outcome has its
   * audit row, and an application is submitted exactly when its submission is audited.
   */
  async consistency(): Promise<void> {
    const broken = await this.stack.pg.query(
      `SELECT a.id, a.status, array(SELECT action FROM audit_events e WHERE e.entity_id = a.id::text) AS actions
         FROM applications a
        WHERE NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.entity_id = a.id::text)
           OR (a.status = 'submitted') <> EXISTS (
                SELECT 1 FROM audit_events e
                 WHERE e.entity_id = a.id::text AND e.action = 'application.submitted')
       UNION ALL
       SELECT o.id, 'outcome', '{}' FROM outcomes o
        WHERE NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.entity_id = o.id::text)`,
    );
    expect(broken).toEqual([]);
  }

  /** The application ids of the webhook deliveries received, one entry per delivery. */
  hookedApplications(): string[] {
    return this.receiver.received.map((hook) => this.applicationOf(hook.body));
  }

  private applicationOf(body: string): string {
    const parsed = JSON.parse(body) as { data?: { id?: string } };
    return String(parsed.data?.id ?? body);
  }

  async close(): Promise<void> {
    await this.receiver.stop().catch(() => undefined);
    if (this.dataSource?.isInitialized) await this.dataSource.destroy();
  }
}
