import { INestApplicationContext } from '@nestjs/common';
import { ManualClock } from '@catalyst/common';
import { QueueName } from '@catalyst/queues';
import { ROUND_CALENDAR_JOB, RoundCalendarHandler } from '@catalyst/rounds';
import {
  ApplicationsFactory,
  Harness,
  TestUser,
  createChallenge,
  createRound,
  transitionRound,
} from '@catalyst/testing';
import { createWorker } from '../../apps/worker/src/create-worker';

/** Valid answers to the questions of the rounds factory's challenges. */
const ANSWERS = { approach: 'Street sensors and a model.', teamSize: 4, stage: 'prototype' };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CALENDAR_KEY = 'round-calendar-every-minute';

/** Time that moves by a millisecond each time it is read, so "after" is observable. */
class TickingClock extends ManualClock {
  override now(): Date {
    this.advance(1);
    return super.now();
  }
}

async function waitFor(predicate: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('round dates and states agree', () => {
  const h = new Harness();
  let pm: TestUser;
  let sponsor: TestUser;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    worker = await h.startWorker();
    pm = await h.make.programmeManager();
    sponsor = await h.make.sponsor();
  });
  afterAll(() => h.teardown());

  const api = () => h.http();
  const move = (roundId: string, body: { to: string; reason?: string }) =>
    api().post(`/api/v1/rounds/${roundId}/transitions`).set('authorization', pm.bearer).send(body);
  const get = async (roundId: string) =>
    (await api().get(`/api/v1/rounds/${roundId}`).set('authorization', pm.bearer).expect(200)).body;
  const auditOf = (entityId: string) =>
    h.dataSource().query<
      {
        actor_id: string | null;
        action: string;
        from_state: string;
        to_state: string;
        reason: string | null;
        data: Record<string, unknown> | null;
      }[]
    >(`SELECT actor_id, action, from_state, to_state, reason, data FROM audit_events WHERE entity_id = $1 ORDER BY at`, [entityId]);
  const inDays = (days: number) => new Date(h.clock.now().getTime() + days * DAY).toISOString();

  describe('opening', () => {
    it('refuses to open before opensAt without a reason, and says a reason is needed', async () => {
      const round = await createRound(h, pm, { opensAt: inDays(60), closesAt: inDays(90) });
      expect(round.allowedTransitions).toContainEqual({ to: 'open', reasonRequired: true });
      const res = await move(round.id, { to: 'open' }).expect(422);
      expect(res.body.code).toBe('round.reason_required');
      expect(await get(round.id)).toMatchObject({ status: 'draft', opensAt: round.opensAt });
      expect((await auditOf(round.id)).map((e) => e.action)).toEqual(['round.created']);
    });

    it('opens early with a reason, moving opensAt to now, audited as a date move', async () => {
      const round = await createRound(h, pm, { opensAt: inDays(60), closesAt: inDays(90) });
      const opened = await move(round.id, { to: 'open', reason: 'Minister’s launch' }).expect(200);
      const now = h.clock.now().toISOString();
      expect(opened.body).toMatchObject({ status: 'open', opensAt: now });
      const events = await auditOf(round.id);
      expect(events.slice(1)).toEqual([
        expect.objectContaining({
          action: 'round.date_moved',
          from_state: round.opensAt,
          to_state: now,
          reason: 'Minister’s launch',
          data: expect.objectContaining({ field: 'opensAt' }),
        }),
        expect.objectContaining({
          action: 'round.open',
          actor_id: pm.id,
          from_state: 'draft',
          to_state: 'open',
          reason: 'Minister’s launch',
        }),
      ]);
    });

    it('opens on or after opensAt without a reason, leaving opensAt as planned', async () => {
      const round = await createRound(h, pm);
      expect(round.allowedTransitions).toContainEqual({ to: 'open', reasonRequired: false });
      const opened = await transitionRound(h, pm, round.id, 'open');
      expect(opened.opensAt).toBe(round.opensAt);
    });
  });

  describe('ending the call', () => {
    it('records the actual close: closedAt and the moved closesAt, shown in the view', async () => {
      const round = await createRound(h, pm, { status: 'open' });
      expect(round.closedAt).toBeNull();
      await move(round.id, { to: 'assessment', reason: 'Budget withdrawn' }).expect(200);
      const now = h.clock.now().toISOString();
      expect(await get(round.id)).toMatchObject({
        status: 'assessment',
        closesAt: now,
        closedAt: now,
      });
    });
  });

  describe('later stages before their dates', () => {
    it('needs a reason to start the accelerator before acceleratorStartsOn', async () => {
      const round = await createRound(h, pm, { status: 'exploration' });
      expect(round.allowedTransitions).toContainEqual({ to: 'accelerator', reasonRequired: true });
      const res = await move(round.id, { to: 'accelerator' }).expect(422);
      expect(res.body.code).toBe('round.reason_required');
      expect((await get(round.id)).status).toBe('exploration');
      await move(round.id, { to: 'accelerator', reason: 'Teams ready early' }).expect(200);
      const [event] = (await auditOf(round.id)).filter((e) => e.action === 'round.accelerator');
      expect(event).toMatchObject({ reason: 'Teams ready early', data: { early: true } });
    });

    it('needs no reason once acceleratorStartsOn has come (in the round’s zone)', async () => {
      const round = await createRound(h, pm, { status: 'exploration' });
      const start = h.clock.now();
      try {
        // Midnight on the start day in London (GMT in winter and spring dates used here).
        h.clock.set(`${round.acceleratorStartsOn}T00:30:00Z`);
        expect((await get(round.id)).allowedTransitions).toContainEqual({
          to: 'accelerator',
          reasonRequired: false,
        });
        await move(round.id, { to: 'accelerator' }).expect(200);
      } finally {
        h.clock.set(start);
      }
    });
  });

  describe('the round calendar job', () => {
    it('opens ready draft rounds at opensAt and ends open calls at closesAt, as the system, once', async () => {
      const start = h.clock.now();
      try {
        // Due, with a published challenge: opens. Due, nothing published: stays draft.
        // Not due yet: stays draft. Open, closing within the hour: its call ends.
        const ready = await createRound(h, pm);
        const readyChallenge = await createChallenge(h, sponsor, ready.id, sponsor.organisationId, {
          status: 'published',
          pm,
        });
        const empty = await createRound(h, pm);
        await createChallenge(h, sponsor, empty.id, sponsor.organisationId, {
          status: 'approved',
          pm,
        });
        const later = await createRound(h, pm, { opensAt: inDays(10), closesAt: inDays(40) });
        await createChallenge(h, sponsor, later.id, sponsor.organisationId, {
          status: 'published',
          pm,
        });
        const closing = await createRound(h, pm, {
          status: 'open',
          closesAt: new Date(start.getTime() + HOUR).toISOString(),
          acceleratorStartsOn: '2027-03-01',
        });
        const closingChallenge = await createChallenge(
          h,
          sponsor,
          closing.id,
          sponsor.organisationId,
          { status: 'published', pm },
        );
        h.clock.set(new Date(start.getTime() + 2 * HOUR));

        const calendar = worker.get(RoundCalendarHandler);
        const first = await calendar.handle({}, { id: 'test', attemptsMade: 0 });
        expect(first).toEqual({ opened: 1, closed: 1 });
        expect(await calendar.handle({}, { id: 'test', attemptsMade: 0 })).toEqual({
          opened: 0,
          closed: 0,
        });

        expect(await get(ready.id)).toMatchObject({ status: 'open', opensAt: ready.opensAt });
        expect((await get(empty.id)).status).toBe('draft');
        expect((await get(later.id)).status).toBe('draft');
        const closed = await get(closing.id);
        expect(closed).toMatchObject({
          status: 'assessment',
          closesAt: closing.closesAt,
          closedAt: h.clock.now().toISOString(),
        });

        const openEvent = (await auditOf(ready.id)).find((e) => e.action === 'round.open');
        expect(openEvent).toMatchObject({ actor_id: null, reason: expect.stringMatching(/\S/) });
        const closeEvent = (await auditOf(closing.id)).find((e) => e.action === 'round.assessment');
        expect(closeEvent).toMatchObject({ actor_id: null, reason: expect.stringMatching(/\S/) });
        // The cascade ran as for a manual close; the ready round's challenge stays published.
        const challengeEvents = await auditOf(closingChallenge.id);
        expect(challengeEvents.at(-1)).toMatchObject({
          action: 'challenge.closed',
          actor_id: null,
        });
        const readyEvents = await auditOf(readyChallenge.id);
        expect(readyEvents.at(-1)?.action).toBe('challenge.published');
      } finally {
        h.clock.set(start);
      }
    });
  });
});

describe('the round calendar’s job scheduler', () => {
  const h = new Harness();

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    const start = () =>
      createWorker(h.config, {
        clock: h.clock,
        queuePrefix: h.queuePrefix,
        registerSchedules: true,
      });
    // Two replicas starting at once, as a deployment does.
    h.workers.push(...(await Promise.all([start(), start()])));
  });
  afterAll(() => h.teardown());

  it('leaves one scheduler for two workers, and runs the job through a worker', async () => {
    const queue = h.producer().queue(QueueName.Rounds);
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toEqual([
      expect.objectContaining({ key: CALENDAR_KEY, name: ROUND_CALENDAR_JOB.name }),
    ]);
    const [due] = (await queue.getJobs(['delayed'])).filter(
      (j) => j.name === ROUND_CALENDAR_JOB.name,
    );
    await due.promote();
    await waitFor(async () => (await queue.getJobState(due.id!)) === 'completed');
    expect((await queue.getJob(due.id!))?.returnvalue).toEqual({ opened: 0, closed: 0 });
  });
});

describe('submissions racing an early close', () => {
  const h = new Harness({ clock: new TickingClock() });
  let pm: TestUser;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    pm = await h.make.programmeManager();
  });
  afterAll(() => h.teardown());

  it('accepts no submission stamped after the recorded close', async () => {
    const apps = new ApplicationsFactory(h);
    for (let attempt = 0; attempt < 3; attempt++) {
      const round = await createRound(h, pm, { status: 'open' });
      const sponsor = await h.make.sponsor();
      const challenge = await createChallenge(h, sponsor, round.id, sponsor.organisationId, {
        status: 'published',
        pm,
      });
      const companies = await Promise.all(Array.from({ length: 12 }, () => h.make.startupMember()));
      const drafts = await Promise.all(companies.map((c) => apps.draft(c, challenge.id, ANSWERS)));
      const results = await Promise.all([
        ...drafts.map((d, i) => apps.move(companies[i], d.id, 'submitted')),
        move(h, pm, round.id),
        ...drafts.map((d, i) => apps.move(companies[i], d.id, 'submitted')),
      ]);
      for (const res of results) expect([200, 409, 422]).toContain(res.status);

      const [{ closed_at }] = await h
        .dataSource()
        .query<{ closed_at: Date }[]>(`SELECT closed_at FROM rounds WHERE id = $1`, [round.id]);
      expect(closed_at).not.toBeNull();
      const late = await h.dataSource().query<{ id: string }[]>(
        `SELECT id FROM applications
          WHERE round_id = $1 AND submitted_at IS NOT NULL AND submitted_at > $2`,
        [round.id, closed_at],
      );
      expect(late).toEqual([]);
    }
  });
});

function move(h: Harness, pm: TestUser, roundId: string) {
  return h
    .http()
    .post(`/api/v1/rounds/${roundId}/transitions`)
    .set('authorization', pm.bearer)
    .send({ to: 'assessment', reason: 'Closing early while companies submit' });
}
