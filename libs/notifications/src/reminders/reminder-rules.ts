import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { contractsEndingWithin } from '@catalyst/contracts';
import { membersOf, programmeManagersOf } from '../rules/audiences';
import type { Message, Recipient } from '../rules/message';
import { longDate, wallClock } from '../rules/routed-event';

/** One reminder due now: its subject and occasion (with the rule, the exactly-once key). */
export interface DueReminder {
  subject: string;
  occasion: string;
  recipients: Recipient[];
  message: Message;
}

/**
 * A reminder: who (the rule's query), when (computed in the round's time zone from the clock
 * given), and the occasion key that makes it once per person however often it is evaluated.
 * A key carries the date it is about, so a deadline that moves earns a new reminder.
 *
 * Adding a reminder is adding an entry to REMINDER_RULES. Not live yet, waiting for its
 * data: "assessments due" (rounds carry no assessment deadline yet).
 */
export interface ReminderRule {
  name: string;
  due(manager: EntityManager, now: Date): Promise<DueReminder[]>;
}

const DEADLINE_OFFSETS_DAYS = [7, 1];
const CONTRACT_END_OFFSETS_DAYS = [90, 30];
const DUE_SOON_DAYS = 3;
const OPEN_MILESTONE = ['planned', 'in_progress', 'changes_requested'];

/** Today's date (`YYYY-MM-DD`) in a zone. */
const today = (now: Date, zone: string) => DateTime.fromJSDate(now).setZone(zone).toISODate()!;

const daysBetween = (from: string, to: string) =>
  Math.round(DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days);

/** The last weekday on or before a date. */
function lastWorkingDay(date: string): string {
  let d = DateTime.fromISO(date);
  while (d.weekday > 5) d = d.minus({ days: 1 });
  return d.toISODate()!;
}

interface MilestoneDue {
  id: string;
  title: string;
  due_on: string;
  timezone: string;
  startup_organisation_id: string;
  sponsor_organisation_id: string;
  company: string;
}

async function openMilestones(manager: EntityManager): Promise<MilestoneDue[]> {
  // A generous window in UTC; each row is then judged in its round's zone.
  return manager.query(
    `SELECT m.id, m.title, to_char(m.due_on, 'YYYY-MM-DD') AS due_on, r.timezone,
            t.startup_organisation_id, t.sponsor_organisation_id, o.name AS company
       FROM milestones m
       JOIN teams t ON t.id = m.team_id
       JOIN rounds r ON r.id = t.round_id
       JOIN organisations o ON o.id = t.startup_organisation_id
      WHERE m.status = ANY($1::text[]) AND r.status = 'accelerator'
      ORDER BY m.id`,
    [OPEN_MILESTONE],
  );
}

/** The programmes grouped by time zone: each zone has its own "today". */
async function programmesByZone(manager: EntityManager): Promise<Map<string, string[]>> {
  const rows: { id: string; timezone: string }[] = await manager.query(
    'SELECT id, timezone FROM programmes ORDER BY timezone, id',
  );
  const zones = new Map<string, string[]>();
  for (const r of rows) zones.set(r.timezone, [...(zones.get(r.timezone) ?? []), r.id]);
  return zones;
}

async function teamAndSponsor(manager: EntityManager, m: MilestoneDue): Promise<Recipient[]> {
  return [
    ...(await membersOf(manager, [m.startup_organisation_id], 'startup_member')),
    ...(await membersOf(manager, [m.sponsor_organisation_id], 'sponsor')),
  ];
}

export const REMINDER_RULES: readonly ReminderRule[] = [
  {
    name: 'application-deadline',
    async due(manager, now) {
      const rounds: { id: string; name: string; closes_at: Date; timezone: string }[] =
        await manager.query(
          `SELECT id, name, closes_at, timezone FROM rounds
            WHERE status = 'open' AND closes_at > $1 AND closes_at <= $1::timestamptz + interval '8 days'`,
          [now],
        );
      const out: DueReminder[] = [];
      for (const round of rounds) {
        const closes = DateTime.fromJSDate(round.closes_at).setZone(round.timezone);
        // The nearest reminder whose moment has come (a missed one is not sent late).
        const offset = [...DEADLINE_OFFSETS_DAYS]
          .sort((a, b) => a - b)
          .find((days) => closes.minus({ days }).toJSDate() <= now);
        if (offset === undefined) continue;
        const drafts: { startup_organisation_id: string }[] = await manager.query(
          `SELECT DISTINCT startup_organisation_id FROM applications
            WHERE round_id = $1 AND status = 'draft'`,
          [round.id],
        );
        if (!drafts.length) continue;
        out.push({
          subject: `round:${round.id}`,
          occasion: `${offset}d-before:${round.closes_at.toISOString()}`,
          recipients: await membersOf(
            manager,
            drafts.map((d) => d.startup_organisation_id),
            'startup_member',
          ),
          message: {
            title: `${offset === 1 ? 'One day' : `${offset} days`} left to submit: ${round.name}`,
            paragraphs: [
              `Applications to ${round.name} close on ${wallClock(round.closes_at, round.timezone)}.`,
              'Your application is still a draft: submit it before then, or it will not be considered.',
            ],
            link: { path: `/rounds/${round.id}`, label: 'Finish your application' },
          },
        });
      }
      return out;
    },
  },
  {
    name: 'milestone-due-soon',
    async due(manager, now) {
      const out: DueReminder[] = [];
      for (const m of await openMilestones(manager)) {
        const left = daysBetween(today(now, m.timezone), m.due_on);
        if (left < 0 || left > DUE_SOON_DAYS) continue;
        out.push({
          subject: `milestone:${m.id}`,
          occasion: `${DUE_SOON_DAYS}d-before:${m.due_on}`,
          recipients: await teamAndSponsor(manager, m),
          message: {
            title: `Milestone due soon: ${m.title}`,
            paragraphs: [`${m.company}’s milestone “${m.title}” is due on ${longDate(m.due_on)}.`],
            link: { path: `/milestones/${m.id}`, label: 'See the milestone' },
          },
        });
      }
      return out;
    },
  },
  {
    name: 'milestone-overdue',
    async due(manager, now) {
      const out: DueReminder[] = [];
      for (const m of await openMilestones(manager)) {
        const late = daysBetween(m.due_on, today(now, m.timezone));
        if (late < 1) continue;
        // The day after it was due, then once a week.
        const week = Math.floor((late - 1) / 7);
        out.push({
          subject: `milestone:${m.id}`,
          occasion: `overdue-${week}:${m.due_on}`,
          recipients: await teamAndSponsor(manager, m),
          message: {
            title: `Milestone overdue: ${m.title}`,
            paragraphs: [
              `${m.company}’s milestone “${m.title}” was due on ${longDate(m.due_on)} and has not been submitted.`,
              'Submit it, or agree a new date with the sponsor.',
            ],
            link: { path: `/milestones/${m.id}`, label: 'See the milestone' },
          },
        });
      }
      return out;
    },
  },
  {
    // Judged on calendar dates in the programme's zone. The key carries the current end date,
    // so an extension (a later end) earns reminders of its own; a terminated or completed
    // contract is no longer awarded or active, so it is not found at all.
    name: 'contract-ending',
    async due(manager, now) {
      const out: DueReminder[] = [];
      const widest = Math.max(...CONTRACT_END_OFFSETS_DAYS);
      for (const [zone, programmeIds] of await programmesByZone(manager)) {
        const ending = await contractsEndingWithin(manager, {
          today: today(now, zone),
          days: widest,
          programmeIds,
        });
        for (const c of ending) {
          // The nearest reminder whose day has come: a contract awarded with 40 days left is
          // told once, now, and the 90-day reminder it missed is never sent late.
          const offset = [...CONTRACT_END_OFFSETS_DAYS]
            .sort((a, b) => a - b)
            .find((days) => c.daysLeft <= days)!;
          const [names]: { buyer: string; company: string }[] = await manager.query(
            `SELECT b.name AS buyer, s.name AS company FROM organisations b, organisations s
              WHERE b.id = $1 AND s.id = $2`,
            [c.buyerOrganisationId, c.startupOrganisationId],
          );
          const when =
            c.daysLeft === 0 ? 'today' : `in ${c.daysLeft} day${c.daysLeft === 1 ? '' : 's'}`;
          out.push({
            subject: `contract:${c.contractId}`,
            occasion: `${offset}d-before:${c.currentEndsOn}`,
            recipients: [
              ...(await membersOf(manager, [c.buyerOrganisationId], 'sponsor')),
              ...(await programmeManagersOf(manager, [c.programmeId])),
            ],
            message: {
              title: `Contract ends ${when}: ${c.title}`,
              paragraphs: [
                `The contract “${c.title}” (reference ${c.reference}) between ${names?.buyer ?? 'the buyer'} and ${names?.company ?? 'the company'} ends on ${longDate(c.currentEndsOn)}.`,
                'If it should go on, now is the time to agree a renewal or an extension; an extension is recorded as an amendment to the contract.',
              ],
              link: { path: `/contracts/${c.contractId}`, label: 'See the contract' },
            },
          });
        }
      }
      return out;
    },
  },
  {
    name: 'no-progress-update',
    async due(manager, now) {
      const sprints: {
        id: string;
        number: number;
        ends_on: string;
        timezone: string;
        team_id: string;
        startup_organisation_id: string;
      }[] = await manager.query(
        `SELECT s.id, s.number, to_char(s.ends_on, 'YYYY-MM-DD') AS ends_on, r.timezone,
                t.id AS team_id, t.startup_organisation_id
           FROM sprints s
           JOIN rounds r ON r.id = s.round_id
           JOIN teams t ON t.round_id = r.id
          WHERE r.status = 'accelerator'
            AND s.ends_on BETWEEN ($1::timestamptz AT TIME ZONE 'UTC')::date - 1
                              AND ($1::timestamptz AT TIME ZONE 'UTC')::date + 4
            AND NOT EXISTS (SELECT 1 FROM progress_updates p
                             WHERE p.team_id = t.id AND p.sprint_id = s.id)
          ORDER BY s.id, t.id`,
        [now],
      );
      const out: DueReminder[] = [];
      for (const s of sprints) {
        const local = DateTime.fromJSDate(now).setZone(s.timezone);
        // On the sprint's last working day, from 09:00 local time.
        if (local.toISODate() !== lastWorkingDay(s.ends_on) || local.hour < 9) continue;
        out.push({
          subject: `team:${s.team_id}`,
          occasion: `sprint:${s.id}`,
          recipients: await membersOf(manager, [s.startup_organisation_id], 'startup_member'),
          message: {
            title: `No progress update yet for sprint ${s.number}`,
            paragraphs: [
              `Sprint ${s.number} ends on ${longDate(s.ends_on)} and your team has not logged a progress update for it.`,
              'A short update (how it is going, blockers, any help you need) is enough.',
            ],
            link: { path: `/teams/${s.team_id}`, label: 'Log a progress update' },
          },
        });
      }
      return out;
    },
  },
];
