import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppConfig, ManualClock, QueueBackend, loadConfig } from '@catalyst/common';
import { TestDatabase, createTestDatabase } from '@catalyst/database/testing/test-database';
import { AccessTokenService } from '@catalyst/identity';
import { JobProducer, QueueName } from '@catalyst/queues';
import { createApi } from '../../apps/api/src/bootstrap/create-api';
import { createWorker } from '../../apps/worker/src/create-worker';
import type { WorkerModuleOptions } from '../../apps/worker/src/worker.module';
import { Factories } from './factories';
import { TEST_REDIS_URL } from './services';

export interface HarnessOptions {
  queueBackend?: QueueBackend;
  clock?: ManualClock;
  env?: Record<string, string>;
  /**
   * The role the API and the worker connect as: `app` (default), the restricted role production
   * uses (DML only, append-only audit trail, no DDL); `owner` for a test that needs the
   * migrations' rights in the app itself. For one owner-only statement use `ownerQuery`.
   */
  databaseRole?: 'app' | 'owner';
}

/**
 * Everything one test file needs: a fresh database cloned from the migrated template, a
 * private Redis key prefix, a manual clock, and the API and/or worker built as in production.
 */
export class Harness {
  readonly clock: ManualClock;
  readonly queuePrefix = `catalyst-test-${randomBytes(4).toString('hex')}`;
  config!: AppConfig;
  db!: TestDatabase;
  api?: NestFastifyApplication;
  workers: INestApplicationContext[] = [];
  private factories?: Factories;

  constructor(private readonly options: HarnessOptions = {}) {
    this.clock = options.clock ?? new ManualClock();
  }

  async setup(): Promise<this> {
    const template = process.env.CATALYST_TEST_TEMPLATE;
    if (!template)
      throw new Error('CATALYST_TEST_TEMPLATE is not set: run the tests with npm test');
    this.db = await createTestDatabase(template);
    this.config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: this.options.databaseRole === 'owner' ? this.db.url : this.db.appUrl,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_BACKEND: this.options.queueBackend ?? 'redis',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      ...this.options.env,
    });
    return this;
  }

  async startApi(): Promise<NestFastifyApplication> {
    this.api = await createApi(this.config, { clock: this.clock, queuePrefix: this.queuePrefix });
    await this.api.getHttpAdapter().getInstance().ready();
    return this.api;
  }

  async startWorker(options: WorkerModuleOptions = {}): Promise<INestApplicationContext> {
    const worker = await createWorker(this.config, {
      clock: this.clock,
      queuePrefix: this.queuePrefix,
      // The relay polls quickly in tests, so draining the outbox takes no noticeable time.
      outbox: { pollMs: 20, maxBackoffMs: 500, addTimeoutMs: 1000 },
      ...options,
    });
    this.workers.push(worker);
    return worker;
  }

  /** supertest against the in-process API. */
  http() {
    if (!this.api) throw new Error('startApi() first');
    return request(this.api.getHttpServer());
  }

  /** Factories for valid rows and signed-in users (needs the API started). */
  get make(): Factories {
    if (!this.api) throw new Error('startApi() first');
    this.factories ??= new Factories(this.api.get(DataSource), this.api.get(AccessTokenService));
    return this.factories;
  }

  dataSource(): DataSource {
    const app = this.api ?? this.workers[0];
    if (!app) throw new Error('start the API or a worker first');
    return app.get(DataSource);
  }

  /**
   * One statement as the database's owner (the migrations' role), for set-up the app's role
   * may not do: DDL, TRUNCATE, triggers.
   */
  async ownerQuery<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.db.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  producer(): JobProducer {
    const app = this.api ?? this.workers[0];
    if (!app) throw new Error('start the API or a worker first');
    return app.get(JobProducer);
  }

  /**
   * Waits until the outbox is relayed and no queue has waiting, delayed or active jobs
   * (polling, never a fixed sleep). Needs a worker when anything sits in the outbox.
   */
  async drainQueues(timeoutMs = 15000): Promise<void> {
    const producer = this.producer();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [{ unrelayed }] = await this.dataSource().query<{ unrelayed: number }[]>(
        'SELECT count(*)::int AS unrelayed FROM outbox_events WHERE relayed_at IS NULL',
      );
      let pending = unrelayed;
      for (const name of Object.values(QueueName)) {
        const counts = await producer
          .queue(name)
          .getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
        pending += Object.values(counts).reduce((a, b) => a + b, 0);
      }
      if (pending === 0) return;
      if (Date.now() > deadline)
        throw new Error(`outbox and queues still hold ${pending} jobs after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async teardown(): Promise<void> {
    for (const worker of this.workers) await worker.close();
    if (this.api) await this.api.close();
    if (this.config?.queueBackend === 'redis') await this.clearRedisPrefix();
    if (this.db) await this.db.drop();
  }

  private async clearRedisPrefix(): Promise<void> {
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const keys = await redis.keys(`${this.queuePrefix}:*`);
      if (keys.length) await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
  }
}
