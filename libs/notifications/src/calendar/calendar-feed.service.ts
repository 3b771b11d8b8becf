import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ICalCalendar } from 'ical-generator';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { APP_CONFIG, Clock, NotFoundError, type AppConfig } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import { absoluteLink } from '../rules/message';
import { wallClock } from '../rules/routed-event';

interface Entry {
  uid: string;
  summary: string;
  description: string;
  path: string;
  /** A timed event at this instant (written in UTC, so right in every zone)… */
  at?: Date;
  /** …or an all-day one on this date. */
  on?: string;
}

/**
 * The personal calendar feed: `GET /calendar.ics?token=…`. The token names the user and
 * carries an HMAC of (user, generation) under the server's secret; revoking bumps the
 * generation. Entries have stable UIDs (`<kind>-<id>@<host>`), so a calendar app updates an
 * entry when a date moves instead of adding another.
 */
@Injectable()
export class CalendarFeedService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async urlFor(actor: Actor): Promise<string> {
    return this.urlAt(actor.userId, await this.generation(actor.userId));
  }

  /** The feed's URL for a generation already read (`PreferencesService.forProfile`). */
  urlAt(userId: string, generation: number): string {
    return absoluteLink(
      this.config.publicUrl,
      `/api/v1/calendar.ics?token=${this.token(userId, generation)}`,
    );
  }

  /** Every URL given so far stops working; the answer is the new one. */
  async revoke(actor: Actor): Promise<string> {
    await this.dataSource.transaction(async (manager) => {
      const [row]: { generation: number }[] = await manager.query(
        `INSERT INTO calendar_feeds (user_id, generation, updated_at) VALUES ($1, 2, $2)
         ON CONFLICT (user_id) DO UPDATE SET generation = calendar_feeds.generation + 1, updated_at = $2
         RETURNING generation`,
        [actor.userId, this.clock.now()],
      );
      await this.audit.record(manager, {
        actor,
        action: 'calendar_feed.revoked',
        entityType: 'user',
        entityId: actor.userId,
        data: { generation: row.generation },
      });
    });
    return this.urlFor(actor);
  }

  /** The feed of the token's owner; an unknown, revoked or malformed token is 404. */
  async feed(token: string | undefined): Promise<string> {
    const userId = await this.verify(token);
    if (!userId) throw new NotFoundError('Calendar feed');
    const host = new URL(this.config.publicUrl).hostname;
    const calendar = new ICalCalendar({
      name: 'Catalyst',
      prodId: { company: 'Catalyst', product: 'calendar', language: 'EN' },
    });
    for (const e of await this.entries(userId)) {
      const common = {
        id: `${e.uid}@${host}`,
        summary: e.summary,
        description: e.description,
        url: absoluteLink(this.config.publicUrl, e.path),
        stamp: this.clock.now(),
      };
      if (e.at) calendar.createEvent({ ...common, start: e.at, end: e.at });
      else {
        const day = DateTime.fromISO(e.on!, { zone: 'UTC' });
        calendar.createEvent({
          ...common,
          allDay: true,
          start: day.toJSDate(),
          end: day.plus({ days: 1 }).toJSDate(),
        });
      }
    }
    return calendar.toString();
  }

  private token(userId: string, generation: number): string {
    const mac = createHmac('sha256', this.config.jwtSecret)
      .update(`calendar:${userId}:${generation}`)
      .digest('base64url');
    return `${userId}.${mac}`;
  }

  private async verify(token: string | undefined): Promise<string | null> {
    const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
    if (!match) return null;
    const [, userId] = match;
    const [user]: { id: string }[] = await this.dataSource.query(
      'SELECT id FROM users WHERE id = $1 AND disabled_at IS NULL',
      [userId],
    );
    if (!user) return null;
    const expected = Buffer.from(this.token(userId, await this.generation(userId)));
    const given = Buffer.from(token!);
    return expected.length === given.length && timingSafeEqual(expected, given) ? userId : null;
  }

  private async generation(userId: string): Promise<number> {
    const [row]: { generation: number }[] = await this.dataSource.query(
      'SELECT generation FROM calendar_feeds WHERE user_id = $1',
      [userId],
    );
    return row?.generation ?? 1;
  }

  /**
   * The person's dates: the closing time of rounds their company has a draft or submission
   * in; their teams' milestones, sprint ends and demo day (as the team or its sponsor); and,
   * for programme managers, their programmes' rounds' closing times and demo days.
   */
  private async entries(userId: string): Promise<Entry[]> {
    const q = <T>(sql: string): Promise<T[]> => this.dataSource.query(sql, [userId]);
    const out: Entry[] = [];
    const closes = await q<{ id: string; name: string; closes_at: Date; timezone: string }>(
      `SELECT DISTINCT r.id, r.name, r.closes_at, r.timezone FROM rounds r
        WHERE r.status IN ('draft', 'open')
          AND (EXISTS (SELECT 1 FROM applications a JOIN memberships m
                         ON m.organisation_id = a.startup_organisation_id AND m.role = 'startup_member'
                        WHERE a.round_id = r.id AND m.user_id = $1 AND a.status IN ('draft', 'submitted'))
               OR EXISTS (SELECT 1 FROM programmes p JOIN memberships m
                            ON m.organisation_id = p.operator_organisation_id AND m.role = 'programme_manager'
                           WHERE p.id = r.programme_id AND m.user_id = $1))
        ORDER BY r.id`,
    );
    for (const r of closes) {
      out.push({
        uid: `round-closes-${r.id}`,
        summary: `Applications close: ${r.name}`,
        description: `Applications to ${r.name} close on ${wallClock(r.closes_at, r.timezone)}.`,
        path: `/rounds/${r.id}`,
        at: r.closes_at,
      });
    }
    const teams = await q<{
      team_id: string;
      round_id: string;
      round_name: string;
      demo_day_on: string | null;
      company: string;
    }>(
      `SELECT DISTINCT t.id AS team_id, r.id AS round_id, r.name AS round_name,
              to_char(r.demo_day_on, 'YYYY-MM-DD') AS demo_day_on, o.name AS company
         FROM teams t JOIN rounds r ON r.id = t.round_id
         JOIN organisations o ON o.id = t.startup_organisation_id
         JOIN memberships m ON m.user_id = $1
          AND ((m.organisation_id = t.startup_organisation_id AND m.role = 'startup_member')
            OR (m.organisation_id = t.sponsor_organisation_id AND m.role = 'sponsor'))
        ORDER BY t.id`,
    );
    const teamIds = teams.map((t) => t.team_id);
    const demoDays = new Map<string, { name: string; on: string }>();
    for (const t of teams) {
      if (t.demo_day_on) demoDays.set(t.round_id, { name: t.round_name, on: t.demo_day_on });
    }
    const pmDemoDays = await q<{ id: string; name: string; demo_day_on: string }>(
      `SELECT r.id, r.name, to_char(r.demo_day_on, 'YYYY-MM-DD') AS demo_day_on
         FROM rounds r JOIN programmes p ON p.id = r.programme_id
         JOIN memberships m ON m.organisation_id = p.operator_organisation_id
          AND m.role = 'programme_manager' AND m.user_id = $1
        WHERE r.demo_day_on IS NOT NULL AND r.status NOT IN ('completed', 'cancelled')`,
    );
    for (const r of pmDemoDays) demoDays.set(r.id, { name: r.name, on: r.demo_day_on });
    for (const [roundId, d] of demoDays) {
      out.push({
        uid: `demo-day-${roundId}`,
        summary: `Demo day: ${d.name}`,
        description: `Demo day of ${d.name}.`,
        path: `/rounds/${roundId}`,
        on: d.on,
      });
    }
    if (teamIds.length) {
      const milestones: { id: string; title: string; due_on: string; team_id: string }[] =
        await this.dataSource.query(
          `SELECT id, title, to_char(due_on, 'YYYY-MM-DD') AS due_on, team_id FROM milestones
            WHERE team_id = ANY($1::uuid[]) ORDER BY due_on, id`,
          [teamIds],
        );
      const company = new Map(teams.map((t) => [t.team_id, t.company]));
      for (const m of milestones) {
        out.push({
          uid: `milestone-${m.id}`,
          summary: `Milestone due: ${m.title}`,
          description: `${company.get(m.team_id)}’s milestone “${m.title}” is due.`,
          path: `/milestones/${m.id}`,
          on: m.due_on,
        });
      }
      const sprints: { id: string; number: number; ends_on: string; round_name: string }[] =
        await this.dataSource.query(
          `SELECT s.id, s.number, to_char(s.ends_on, 'YYYY-MM-DD') AS ends_on, r.name AS round_name
             FROM sprints s JOIN rounds r ON r.id = s.round_id
            WHERE s.round_id = ANY($1::uuid[]) ORDER BY s.ends_on, s.id`,
          [[...new Set(teams.map((t) => t.round_id))]],
        );
      for (const s of sprints) {
        out.push({
          uid: `sprint-end-${s.id}`,
          summary: `Sprint ${s.number} ends (${s.round_name})`,
          description: `The last day of sprint ${s.number}: log your progress update.`,
          path: `/rounds`,
          on: s.ends_on,
        });
      }
    }
    return out;
  }
}
