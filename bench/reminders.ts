/**
 * The reminder scan over the whole dataset and the delivery of what it finds, on Redis:
 *
 * - A: the built worker (reminder-worker.ts) under a private key prefix, with a real SMTP
 *   server on loopback (smtp-server, in this process) as its mail system. Each round forgets
 *   the reminders already delivered (their delivery rows and in-app notifications), queues the
 *   scan and pauses the notifications queue as soon as the scan is active, so the scan runs
 *   alone (its time is the job's, from the worker's own timestamps) and the e-mails it queues
 *   wait; then resumes the queue and times the worker sending them all (one send-email job per
 *   e-mail: lock the delivery row, SMTP, mark it sent).
 * - B: raw BullMQ on the same Redis: `Queue.addBulk` of as many jobs, with the same options,
 *   and a no-op `Worker` of the same concurrency, timed from the add to the last completion.
 *
 * After each round every e-mail delivery must be sent and received exactly once (the SMTP
 * server's count per address equals the delivery rows'), and every in-app delivery must have
 * exactly one notification; a last scan with nothing forgotten must deliver nothing new.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import type { Sample } from './measure';

export interface ReminderRound {
  scan: Sample;
  delivery: Sample;
  /** Due reminders found, by rule (the scan job's return value). */
  due: Record<string, number>;
  emails: number;
  inApp: number;
  /** E-mails sent before the queue was paused (not counted in the delivery rate). */
  sentBeforePause: number;
}

interface Ready {
  ready: true;
  queue: string;
  emailQueue: string;
  rules: string[];
  concurrency: number;
  emailJobOptions: Record<string, unknown>;
}

const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A real SMTP server that keeps only a count of the messages each address received. */
class MailSink {
  readonly received = new Map<string, number>();
  total = 0;
  private server?: SMTPServer;
  port = 0;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      size: 1024 * 1024,
      onData: (stream, session, callback) => {
        stream.on('end', () => {
          this.total++;
          for (const to of session.envelope.rcptTo) {
            const address = to.address.toLowerCase();
            this.received.set(address, (this.received.get(address) ?? 0) + 1);
          }
          callback();
        });
        stream.resume();
      },
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    this.port = (this.server.server.address() as { port: number }).port;
    return this;
  }

  reset(): void {
    this.received.clear();
    this.total = 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((done) => (this.server ? this.server.close(done) : done()));
  }
}

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, what: string) {
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not done after 15 minutes`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export class ReminderBench {
  readonly prefix = `bench-reminders-${process.pid}-${Date.now()}`;
  private readonly connection = (() => {
    const u = new URL(REDIS_URL);
    return {
      host: u.hostname,
      port: Number(u.port || 6379),
      db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
      maxRetriesPerRequest: null,
    };
  })();
  private readonly mail = new MailSink();
  private worker?: ChildProcess;
  private ready?: Ready;
  private queue?: Queue;
  private events?: QueueEvents;
  private raw?: { queue: Queue; worker: Worker; completed: number };
  private scans = 0;

  constructor(
    private readonly db: Client,
    private readonly env: NodeJS.ProcessEnv,
    private readonly nodeFlags: readonly string[],
  ) {}

  /** The SMTP server, the worker (on Redis, private prefix) and the raw BullMQ pair. */
  async start(): Promise<void> {
    await this.mail.start();
    const worker = fork(join(__dirname, 'reminder-worker.js'), [], {
      execArgv: [...this.nodeFlags],
      env: {
        ...process.env,
        ...this.env,
        QUEUE_BACKEND: 'redis',
        REDIS_URL,
        SMTP_URL: `smtp://127.0.0.1:${this.mail.port}`,
        BENCH_QUEUE_PREFIX: this.prefix,
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.worker = worker;
    this.ready = await new Promise<Ready>((resolve, reject) => {
      worker.once('exit', (code) => reject(new Error(`the reminder worker exited (${code})`)));
      worker.on('message', (m: Ready) => m.ready && resolve(m));
    });
    const options = { connection: this.connection, prefix: this.prefix };
    this.queue = new Queue(this.ready.queue, options);
    this.events = new QueueEvents(this.ready.queue, options);
    await this.events.waitUntilReady();
    const rawOptions = { connection: this.connection, prefix: `${this.prefix}-raw` };
    const rawQueue = new Queue('raw', rawOptions);
    const raw = {
      queue: rawQueue,
      // The no-op: a job that does nothing (BullMQ awaits the processor's promise).
      worker: new Worker('raw', () => Promise.resolve(), {
        ...rawOptions,
        concurrency: this.ready.concurrency,
      }),
      completed: 0,
    };
    raw.worker.on('completed', () => raw.completed++);
    await raw.worker.waitUntilReady();
    this.raw = raw;
  }

  get rules(): string[] {
    return this.ready!.rules;
  }

  get concurrency(): number {
    return this.ready!.concurrency;
  }

  /** Forgets every reminder delivered, so the next scan finds them all due again. */
  async forget(): Promise<void> {
    await this.db.query('DELETE FROM notification_deliveries WHERE rule = ANY($1)', [this.rules]);
    await this.db.query('DELETE FROM notifications WHERE kind = ANY($1)', [this.rules]);
    this.mail.reset();
  }

  private async deliveryCounts() {
    const { rows } = await this.db.query<{ emails: string; sent: string; failed: string }>(
      `SELECT count(*) AS emails, count(*) FILTER (WHERE status = 'sent') AS sent,
              count(*) FILTER (WHERE status = 'failed') AS failed
         FROM notification_deliveries WHERE channel = 'email' AND rule = ANY($1)`,
      [this.rules],
    );
    return { emails: Number(rows[0].emails), sent: Number(rows[0].sent), failed: rows[0].failed };
  }

  /** Queues the scan, pauses the queue once it is active, waits for it: its result and time. */
  private async scan(): Promise<{ due: Record<string, number>; ms: number }> {
    const jobId = `bench-reminder-scan-${++this.scans}`;
    const queue = this.queue!;
    const events = this.events!;
    const finished = new Promise<void>((resolve, reject) => {
      const onActive = ({ jobId: id }: { jobId: string }) => {
        if (id !== jobId) return;
        events.off('active', onActive);
        void queue.pause();
      };
      const onDone = ({ jobId: id, failedReason }: { jobId: string; failedReason?: string }) => {
        if (id !== jobId) return;
        events.off('completed', onDone);
        events.off('failed', onDone);
        if (failedReason) reject(new Error(`the reminder scan failed: ${failedReason}`));
        else resolve();
      };
      events.on('active', onActive);
      events.on('completed', onDone);
      events.on('failed', onDone);
    });
    this.worker!.send({ scan: jobId });
    await finished;
    if (!(await queue.isPaused())) await queue.pause();
    const job = await queue.getJob(jobId);
    if (!job?.finishedOn || !job.processedOn) throw new Error('the scan job has no timings');
    return {
      due: job.returnvalue as Record<string, number>,
      ms: job.finishedOn - job.processedOn,
    };
  }

  /** A: one scan over the whole dataset, then the worker sending every e-mail it queued. */
  async productRound(): Promise<ReminderRound> {
    await this.forget();
    await this.queue!.resume();
    const { due, ms } = await this.scan();
    const before = await this.deliveryCounts();
    if (before.emails === 0) throw new Error('the reminder scan found nothing due (see seed.ts)');
    const started = process.hrtime.bigint();
    await this.queue!.resume();
    const after = await until(
      () => this.deliveryCounts(),
      (c) => c.sent + Number(c.failed) >= c.emails && this.mail.total >= c.sent,
      'reminder e-mails',
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (Number(after.failed)) throw new Error(`${after.failed} reminder e-mails failed`);
    const { rows } = await this.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM notification_deliveries WHERE channel = 'in_app' AND rule = ANY($1)`,
      [this.rules],
    );
    return {
      scan: { value: ms },
      delivery: { value: (after.emails - before.sent) / seconds },
      due,
      emails: after.emails,
      inApp: Number(rows[0].n),
      sentBeforePause: before.sent,
    };
  }

  /** B: raw BullMQ, `addBulk` of `count` jobs with the e-mails' options and a no-op worker. */
  async rawRound(count: number): Promise<Sample> {
    const raw = this.raw!;
    const jobs = Array.from({ length: count }, () => {
      const id = randomUUID();
      return {
        name: 'send-email',
        data: { deliveryId: id },
        opts: { ...this.ready!.emailJobOptions, jobId: `send-email.${id}` },
      };
    });
    const target = raw.completed + count;
    const started = process.hrtime.bigint();
    await raw.queue.addBulk(jobs);
    await until(
      () => Promise.resolve(raw.completed),
      (n) => n >= target,
      'raw BullMQ jobs',
    );
    return { value: count / (Number(process.hrtime.bigint() - started) / 1e9) };
  }

  /**
   * Every e-mail delivery sent and received exactly once, every in-app delivery with exactly
   * one notification; then a scan with nothing forgotten delivers nothing new.
   */
  async verify(): Promise<{ ok: boolean; detail: string }> {
    const check = async () => {
      const { rows: byAddress } = await this.db.query<{ email_to: string; n: string }>(
        `SELECT lower(email_to) AS email_to, count(*) AS n FROM notification_deliveries
          WHERE channel = 'email' AND rule = ANY($1) AND status = 'sent' GROUP BY 1`,
        [this.rules],
      );
      const rows = new Map(byAddress.map((r) => [r.email_to, Number(r.n)]));
      const sent = [...rows.values()].reduce((a, b) => a + b, 0);
      const mismatched = [...new Set([...rows.keys(), ...this.mail.received.keys()])].filter(
        (a) => (rows.get(a) ?? 0) !== (this.mail.received.get(a) ?? 0),
      );
      const { rows: inApp } = await this.db.query<{ deliveries: string; notifications: string }>(
        `SELECT (SELECT count(*) FROM notification_deliveries
                  WHERE channel = 'in_app' AND rule = ANY($1)) AS deliveries,
                (SELECT count(*) FROM notifications WHERE kind = ANY($1)) AS notifications`,
        [this.rules],
      );
      const counts = await this.deliveryCounts();
      return {
        ok:
          mismatched.length === 0 &&
          sent === this.mail.total &&
          counts.sent === counts.emails &&
          inApp[0].deliveries === inApp[0].notifications,
        sent,
        received: this.mail.total,
        mismatched: mismatched.length,
        inApp: Number(inApp[0].deliveries),
        notifications: Number(inApp[0].notifications),
      };
    };
    const first = await check();
    // Once more with nothing forgotten: the same reminders are due, none is told twice.
    await this.queue!.resume();
    await this.scan();
    await this.queue!.resume();
    await until(
      () => this.queue!.getJobCounts('wait', 'active', 'delayed', 'prioritized'),
      (c) => Object.values(c).every((n) => n === 0),
      'the notifications queue',
    );
    const again = await check();
    const ok = first.ok && again.ok && again.sent === first.sent && again.inApp === first.inApp;
    return {
      ok,
      detail:
        `${first.sent} e-mails sent, ${first.received} received by the SMTP server ` +
        `(${first.mismatched} addresses differing), ${first.inApp} in-app deliveries with ` +
        `${first.notifications} notifications; after a second scan: ${again.sent} sent, ` +
        `${again.received} received, ${again.inApp} in-app`,
    };
  }

  /** Stops the worker and the raw pair, and removes every key under the private prefix. */
  async stop(): Promise<void> {
    const worker = this.worker;
    if (worker && worker.exitCode === null) {
      const exited = new Promise((done) => worker.once('exit', done));
      worker.kill('SIGTERM');
      await exited;
    }
    await this.raw?.worker.close();
    await this.raw?.queue.close();
    await this.events?.close();
    await this.queue?.close();
    await this.mail.stop();
    const redis = new Redis(REDIS_URL);
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.prefix}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) await redis.del(...keys);
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  }
}
