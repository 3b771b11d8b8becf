import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Child, cleanUp, eventually, freePort, tempFolder } from './processes';
import { PostgresServer } from './postgres-server';
import { RedisServer } from './redis-server';
import { ROOT } from './root';

const API_MAIN = join(ROOT, 'dist/apps/api/src/main.js');
const WORKER_MAIN = join(ROOT, 'dist/apps/worker/src/main.js');

export const JWT_SECRET = 'resilience-suite-secret-0123456789abcdef';

/** An HTTP answer: status, content type, parsed body (JSON or text) and headers. */
export interface Answer<T = unknown> {
  status: number;
  contentType: string;
  body: T;
  headers: Record<string, string>;
}

/** A built API process (`npm run start:api`) on its own port. */
export class ApiProcess {
  constructor(
    readonly child: Child,
    readonly port: number,
  ) {}

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async request<T = unknown>(
    method: string,
    path: string,
    options: { bearer?: string; body?: unknown; timeoutMs?: number } = {},
  ): Promise<Answer<T>> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.bearer ? { authorization: options.bearer } : {}),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    const contentType = response.headers.get('content-type') ?? '';
    const text = await response.text();
    const body = contentType.includes('json') && text ? JSON.parse(text) : text;
    const headers = Object.fromEntries(response.headers);
    return { status: response.status, contentType, body: body as T, headers };
  }

  /** `GET /health/ready`'s status and the failed checks it names. */
  async readiness(): Promise<{ status: number; failed: string[] }> {
    const { status, body } = await this.request<{ failed?: string[] }>('GET', '/health/ready', {
      timeoutMs: 10_000,
    });
    return { status, failed: (typeof body === 'object' && body?.failed) || [] };
  }
}

/**
 * One deployment of Catalyst for a scenario: its own PostgreSQL cluster, its own Redis (or a
 * Sentinel group the scenario builds) and any number of built API and worker processes, as
 * `npm run start:api` / `start:worker` run them in production.
 */
export class Stack {
  readonly pg = new PostgresServer();
  redis?: RedisServer;
  readonly apis: ApiProcess[] = [];
  readonly workers: Child[] = [];
  private readonly logs = tempFolder('logs');
  private count = 0;

  constructor(private readonly env: Record<string, string> = {}) {
    if (!existsSync(API_MAIN) || !existsSync(WORKER_MAIN)) {
      throw new Error('The resilience suite starts the built apps: run `npm run build` first');
    }
  }

  /** PostgreSQL (migrated) and, unless `redis: false`, a Redis server. */
  async start(options: { redis?: boolean; persistentRedis?: boolean } = {}): Promise<this> {
    const starting: Promise<unknown>[] = [this.pg.init()];
    if (options.redis !== false) {
      this.redis = new RedisServer(options.persistentRedis);
      starting.push(this.redis.start());
    }
    await Promise.all(starting);
    return this;
  }

  processEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      DATABASE_URL: this.pg.url,
      ...(this.redis ? { REDIS_URL: this.redis.url } : {}),
      QUEUE_BACKEND: 'redis',
      JWT_SECRET,
      LOG_LEVEL: 'warn',
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
      AUTH_RATE_LIMIT_PER_MINUTE: '100000',
      PASSWORD_HASH_CONCURRENCY: '1',
      ...this.env,
      ...extra,
    };
  }

  async startApi(extra: Record<string, string> = {}): Promise<ApiProcess> {
    const port = await freePort();
    const name = `api-${++this.count}`;
    const child = new Child(name, process.execPath, [API_MAIN], {
      cwd: ROOT,
      env: this.processEnv({ PORT: String(port), ...extra }),
      logFile: join(this.logs, `${name}.log`),
    });
    const api = new ApiProcess(child, port);
    await Promise.race([
      eventually(
        `${name} answers /health/live`,
        () => api.request('GET', '/health/live', { timeoutMs: 2000 }).then((r) => r.status === 200),
        Boolean,
        90_000,
      ),
      child.exited.then(({ code, signal }) => {
        throw new Error(`${name} exited (${code ?? signal}) while starting:\n${child.tail()}`);
      }),
    ]);
    this.apis.push(api);
    return api;
  }

  async startWorker(extra: Record<string, string> = {}): Promise<Child> {
    const name = `worker-${++this.count}`;
    const child = new Child(name, process.execPath, [WORKER_MAIN], {
      cwd: ROOT,
      env: this.processEnv(extra),
      logFile: join(this.logs, `${name}.log`),
      ipc: true,
    });
    await Promise.race([
      eventually(
        `${name} says it is ready`,
        () => child.messages.some((m) => (m as { catalyst?: string })?.catalyst === 'ready'),
        Boolean,
        90_000,
      ),
      child.exited.then(({ code, signal }) => {
        throw new Error(`${name} exited (${code ?? signal}) while starting:\n${child.tail()}`);
      }),
    ]);
    this.workers.push(child);
    return child;
  }

  /** What a failed scenario needs to be understood: the apps' last log lines. */
  tails(): string {
    return [...this.apis.map((a) => a.child), ...this.workers]
      .map((c) => `--- ${c.name}\n${c.tail(2000)}`)
      .join('\n');
  }

  async stop(): Promise<void> {
    await cleanUp();
  }
}
