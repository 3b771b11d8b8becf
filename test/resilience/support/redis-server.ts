import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Child, eventually, freePort, tempFolder } from './processes';

async function answers(port: number): Promise<boolean> {
  const probe = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0 });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } finally {
    probe.disconnect();
  }
}

/**
 * A redis-server of the test's own on its own port (no persistence), optionally a replica of
 * another; the shared Redis on 6379 is never touched.
 */
export class RedisServer {
  readonly folder = tempFolder('redis');
  port = 0;
  private child?: Child;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child?.running ?? false;
  }

  /** `persistent`: an append-only file synced on every write, as a production queue keeps. */
  constructor(private readonly persistent = false) {}

  async start(options: { replicaOf?: RedisServer } = {}): Promise<this> {
    this.port ||= await freePort();
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', ''];
    args.push('--dir', this.folder);
    args.push(
      ...(this.persistent
        ? ['--appendonly', 'yes', '--appendfsync', 'always']
        : ['--appendonly', 'no']),
    );
    if (options.replicaOf) args.push('--replicaof', '127.0.0.1', String(options.replicaOf.port));
    this.child = new Child(`redis:${this.port}`, 'redis-server', args, {
      logFile: join(this.folder, `redis-${this.port}.log`),
    });
    await eventually(`Redis on ${this.port} answers`, () => answers(this.port));
    return this;
  }

  /** Gone at once, as a crashed host (SIGKILL). */
  async kill(): Promise<void> {
    await this.child?.kill();
  }

  client(): Redis {
    const redis = new Redis({ host: '127.0.0.1', port: this.port, maxRetriesPerRequest: 1 });
    redis.on('error', () => undefined);
    return redis;
  }
}

/** A Redis Sentinel watching `primary` under `name` (quorum 1, quick failover). */
export class RedisSentinel {
  readonly folder = tempFolder('sentinel');
  port = 0;
  private child?: Child;

  constructor(
    private readonly primary: RedisServer,
    readonly name = 'catalyst',
  ) {}

  async start(): Promise<this> {
    this.port = await freePort();
    const config = join(this.folder, 'sentinel.conf');
    writeFileSync(
      config,
      [
        `port ${this.port}`,
        'bind 127.0.0.1',
        `dir ${this.folder}`,
        `sentinel monitor ${this.name} 127.0.0.1 ${this.primary.port} 1`,
        `sentinel down-after-milliseconds ${this.name} 1000`,
        `sentinel failover-timeout ${this.name} 5000`,
        `sentinel parallel-syncs ${this.name} 1`,
        '',
      ].join('\n'),
    );
    this.child = new Child(`sentinel:${this.port}`, 'redis-server', [config, '--sentinel'], {
      logFile: join(this.folder, 'sentinel.log'),
    });
    await eventually(`Sentinel on ${this.port} answers`, () => answers(this.port));
    return this;
  }

  /** The port Sentinel currently names as the primary. */
  async primaryPort(): Promise<number> {
    const redis = new Redis({ host: '127.0.0.1', port: this.port, maxRetriesPerRequest: 1 });
    redis.on('error', () => undefined);
    try {
      const [, port] = (await redis.call(
        'SENTINEL',
        'get-master-addr-by-name',
        this.name,
      )) as string[];
      return Number(port);
    } finally {
      redis.disconnect();
    }
  }

  async kill(): Promise<void> {
    await this.child?.kill();
  }
}
