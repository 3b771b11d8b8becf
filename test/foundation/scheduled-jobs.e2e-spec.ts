import { INestApplicationContext } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { PURGE_EXPIRED_CREDENTIALS_JOB, PurgeExpiredCredentialsHandler } from '@catalyst/identity';
import { PING_JOB } from '@catalyst/ops';
import { QueueName } from '@catalyst/queues';
import { Harness } from '@catalyst/testing';
import { createWorker } from '../../apps/worker/src/create-worker';

const DAY = 24 * 60 * 60 * 1000;
const PURGE_KEY = 'purge-expired-credentials-daily';
const PRUNE_KEY = 'prune-relayed-outbox-daily';
/** Every declared schedule, by key. */
const KEYS = [PRUNE_KEY, PURGE_KEY];

async function waitFor(predicate: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** "HH:mm" of an instant on the wall clock of a zone. */
const wallClock = (ms: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(ms);

describe.each(['redis', 'postgres'] as const)(
  'recurring jobs on the %s queue backend',
  (backend) => {
    describe('the job schedulers the workers register', () => {
      const h = new Harness({ queueBackend: backend });

      /** A worker as the worker process starts it: registering the schedules. */
      async function startScheduledWorker(): Promise<INestApplicationContext> {
        const worker = await createWorker(h.config, {
          clock: h.clock,
          queuePrefix: h.queuePrefix,
          registerSchedules: true,
        });
        h.workers.push(worker);
        return worker;
      }

      async function restartAWorker(): Promise<void> {
        await h.workers.shift()!.close();
        await startScheduledWorker();
      }

      const queue = () => h.producer().queue(QueueName.Maintenance);
      const delayedPurges = async () =>
        (await queue().getJobs(['delayed'])).filter(
          (j) => j.name === PURGE_EXPIRED_CREDENTIALS_JOB.name,
        );

      beforeAll(async () => {
        await h.setup();
        await h.startApi();
        // Two replicas starting at once, as a deployment does.
        await Promise.all([startScheduledWorker(), startScheduledWorker()]);
      });
      afterAll(() => h.teardown());

      it('leaves exactly one scheduler when two workers start, next firing at 03:00 London', async () => {
        const schedulers = (await queue().getJobSchedulers()).filter((s) => s.key === PURGE_KEY);
        expect((await queue().getJobSchedulers()).map((s) => s.key).sort()).toEqual(KEYS);
        expect(schedulers).toEqual([
          expect.objectContaining({
            key: PURGE_KEY,
            name: 'purge-expired-credentials',
            pattern: '0 3 * * *',
            tz: 'Europe/London',
          }),
        ]);
        const next = schedulers[0].next!;
        expect(next).toBeGreaterThan(Date.now());
        expect(next).toBeLessThanOrEqual(Date.now() + DAY + 3_600_000);
        expect(wallClock(next, 'Europe/London')).toBe('03:00');

        const delayed = await delayedPurges();
        expect(delayed).toHaveLength(1);
        expect(delayed[0].id).toBe(`repeat:${PURGE_KEY}:${next}`);
        expect(delayed[0].data).toEqual({});
        expect(delayed[0].opts.attempts).toBe(3);
      });

      it('still has one scheduler and one pending run after a worker restarts', async () => {
        const purgeScheduler = async () =>
          (await queue().getJobSchedulers()).find((s) => s.key === PURGE_KEY);
        const before = (await purgeScheduler())?.next;
        await restartAWorker();
        const schedulers = await queue().getJobSchedulers();
        expect(schedulers.map((s) => s.key).sort()).toEqual(KEYS);
        expect((await purgeScheduler())?.next).toBe(before);
        expect(await delayedPurges()).toHaveLength(1);
      });

      it('removes, at the next worker start, a scheduler the table no longer declares', async () => {
        await queue().upsertJobScheduler(
          'retired-ping-nightly',
          { pattern: '0 4 * * *', tz: 'Europe/London' },
          { name: PING_JOB.name, data: { pingId: randomUUID() } },
        );
        expect((await queue().getJobSchedulers()).map((s) => s.key).sort()).toEqual([
          ...KEYS,
          'retired-ping-nightly',
        ]);
        await restartAWorker();
        expect((await queue().getJobSchedulers()).map((s) => s.key).sort()).toEqual(KEYS);
        expect((await queue().getJobs(['delayed'])).map((j) => j.name).sort()).toEqual([
          'prune-relayed-outbox',
          'purge-expired-credentials',
        ]);
      });

      it('runs the scheduled purge through a worker when it comes due, and schedules the next', async () => {
        const [due] = await delayedPurges();
        const firedAt = due.opts.prevMillis;
        await due.promote();
        await waitFor(async () => (await queue().getJobState(due.id!)) === 'completed');
        // Read the job again once completed: a copy fetched while it ran has no return value.
        const done = await queue().getJob(due.id!);
        expect(done?.returnvalue).toEqual({ deleted: 0 });
        const schedulers = await queue().getJobSchedulers();
        expect(schedulers.map((s) => s.key).sort()).toEqual(KEYS);
        const next = await delayedPurges();
        expect(next).toHaveLength(1);
        expect(next[0].id).not.toBe(due.id);
        expect(next[0].opts.prevMillis).toBeGreaterThan(firedAt!);
      });
    });

    describe('the purge-expired-credentials job', () => {
      const h = new Harness({ queueBackend: backend });
      let userId: string;

      beforeAll(async () => {
        await h.setup();
        await h.startApi();
        await h.startWorker();
        userId = (await h.make.startupMember()).id;
      });
      afterAll(() => h.teardown());

      const ago = (ms: number) => new Date(h.clock.now().getTime() - ms);
      const ahead = (ms: number) => new Date(h.clock.now().getTime() + ms);

      async function token(
        familyId: string,
        t: { expiresAt: Date; usedAt?: Date; revokedAt?: Date },
      ): Promise<string> {
        const rows: { id: string }[] = await h.dataSource().query(
          `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at, used_at, revoked_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [
            userId,
            familyId,
            randomBytes(32).toString('hex'),
            t.expiresAt,
            t.usedAt ?? null,
            t.revokedAt ?? null,
          ],
        );
        return rows[0].id;
      }

      async function remaining(ids: string[]): Promise<string[]> {
        const rows = await h
          .dataSource()
          .query<{ id: string }[]>('SELECT id FROM refresh_tokens WHERE id = ANY($1::uuid[])', [
            ids,
          ]);
        return rows.map((r) => r.id).sort();
      }

      async function runThroughTheQueue(): Promise<unknown> {
        const job = await h.producer().enqueue(PURGE_EXPIRED_CREDENTIALS_JOB, {});
        await h.drainQueues();
        const finished = await h.producer().queue(QueueName.Maintenance).getJob(job.id!);
        expect(await finished!.getState()).toBe('completed');
        return finished!.returnvalue;
      }

      it('deletes the tokens of sign-ins that ended over a week ago, keeps the rest, once', async () => {
        const gone: string[] = [];
        const kept: string[] = [];
        // A sign-in whose last token expired 8 days ago.
        const expired = randomUUID();
        gone.push(await token(expired, { expiresAt: ago(40 * DAY), usedAt: ago(60 * DAY) }));
        gone.push(await token(expired, { expiresAt: ago(8 * DAY) }));
        // One that expired 7 days and a millisecond ago: just past the week.
        gone.push(await token(randomUUID(), { expiresAt: ago(7 * DAY + 1) }));
        // Signed out (revoked) 8 days ago, though its tokens had weeks left.
        const signedOut = randomUUID();
        gone.push(await token(signedOut, { expiresAt: ahead(5 * DAY), usedAt: ago(20 * DAY) }));
        gone.push(await token(signedOut, { expiresAt: ahead(20 * DAY), revokedAt: ago(8 * DAY) }));
        // Used 8 days ago and revoked with its family 8 days ago.
        const reused = randomUUID();
        gone.push(
          await token(reused, {
            expiresAt: ahead(DAY),
            usedAt: ago(9 * DAY),
            revokedAt: ago(8 * DAY),
          }),
        );
        gone.push(await token(reused, { expiresAt: ahead(21 * DAY), revokedAt: ago(8 * DAY) }));

        // Expired exactly 7 days ago, or 6: still within the week.
        kept.push(await token(randomUUID(), { expiresAt: ago(7 * DAY) }));
        kept.push(await token(randomUUID(), { expiresAt: ago(6 * DAY) }));
        // Signed out 6 days ago.
        kept.push(
          await token(randomUUID(), { expiresAt: ahead(20 * DAY), revokedAt: ago(6 * DAY) }),
        );
        // A live sign-in: its used tokens stay, long expired or not, since presenting one again
        // is how a copied token is caught.
        const live = randomUUID();
        kept.push(await token(live, { expiresAt: ago(20 * DAY), usedAt: ago(50 * DAY) }));
        kept.push(await token(live, { expiresAt: ahead(5 * DAY), usedAt: ago(25 * DAY) }));
        kept.push(await token(live, { expiresAt: ahead(30 * DAY) }));
        // A fresh sign-in.
        kept.push(await token(randomUUID(), { expiresAt: ahead(30 * DAY) }));

        // Invitations are part of the audit story: never purged, however old.
        const org = await h.make.organisation('sponsor');
        const invitation: { id: string }[] = await h.dataSource().query(
          `INSERT INTO invitations (organisation_id, email, role, token_hash, expires_at, revoked_at, invited_by_user_id)
         VALUES ($1, 'old@example.test', 'sponsor', $2, $3, $3, $4) RETURNING id`,
          [org.id, randomBytes(32).toString('hex'), ago(400 * DAY), userId],
        );

        expect(await runThroughTheQueue()).toEqual({ deleted: gone.length });
        expect(await remaining([...gone, ...kept])).toEqual([...kept].sort());

        // A second run (a retry, a duplicate delivery) has nothing left to do.
        const handler = h.workers[0].get(PurgeExpiredCredentialsHandler);
        expect(await handler.handle({}, { id: 'again', attemptsMade: 1 })).toEqual({ deleted: 0 });
        expect(await remaining([...gone, ...kept])).toEqual([...kept].sort());
        expect(
          await h
            .dataSource()
            .query('SELECT id FROM invitations WHERE id = $1', [invitation[0].id]),
        ).toHaveLength(1);

        // A week on, the sign-ins that ended since are purged too; the live one stays.
        h.clock.advance(7 * DAY);
        expect(await handler.handle({}, { id: 'later', attemptsMade: 0 })).toEqual({ deleted: 3 });
        expect(await remaining(kept)).toEqual([...kept.slice(3)].sort());
      });

      it('still catches a copied refresh token of a live sign-in after the purge', async () => {
        const user = await h.make.startupMember();
        const session = await h
          .http()
          .post('/api/v1/auth/login')
          .send({ email: user.email, password: user.password })
          .expect(200);
        const first: string = session.body.refreshToken;
        const second = await h
          .http()
          .post('/api/v1/auth/refresh')
          .send({ refreshToken: first })
          .expect(200);
        // The first token was used long ago and has itself expired; the sign-in lives on.
        h.clock.advance(25 * DAY);
        const third = await h
          .http()
          .post('/api/v1/auth/refresh')
          .send({ refreshToken: second.body.refreshToken })
          .expect(200);
        h.clock.advance(25 * DAY);

        await runThroughTheQueue();

        const replay = await h
          .http()
          .post('/api/v1/auth/refresh')
          .send({ refreshToken: first })
          .expect(401);
        expect(replay.body.code).toBe('auth.unauthenticated');
        expect(replay.body.detail).toContain('already used');
        await h
          .http()
          .post('/api/v1/auth/refresh')
          .send({ refreshToken: third.body.refreshToken })
          .expect(401);
      });
    });
  },
);
