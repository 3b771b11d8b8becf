import { Logger, OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { Redis } from 'ioredis';
import { redisConnection } from '@catalyst/queues';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * One atomic step of the throttler, in Redis (KEYS[1] hit counter, KEYS[2] block marker;
 * ARGV ttl ms, limit, block ms). While blocked, nothing is counted; the hit that goes over the
 * limit starts the block and ends the window, so counting starts afresh once the block is over
 * (the semantics of @nestjs/throttler's own in-memory storage). Returns milliseconds.
 */
const INCREMENT = `
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then
  return { tonumber(redis.call('GET', KEYS[2])), blocked, 1, blocked }
end
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  ttl = tonumber(ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ttl)
end
if hits > tonumber(ARGV[2]) then
  local block = tonumber(ARGV[3])
  if block <= 0 then block = ttl end
  redis.call('SET', KEYS[2], hits, 'PX', block)
  redis.call('DEL', KEYS[1])
  return { hits, block, 1, block }
end
return { hits, ttl, 0, 0 }
`;

type IncrementReply = [number, number, number, number];
type ThrottleRedis = Redis & {
  catalystThrottle(
    hitKey: string,
    blockKey: string,
    ttl: number,
    limit: number,
    blockDuration: number,
  ): Promise<IncrementReply>;
};

/** Throttler counters in Redis, shared by every API process (queue backend `redis`). */
export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly redis: ThrottleRedis;

  constructor(
    redisUrl: string,
    private readonly keyPrefix: string,
  ) {
    // A sign-in must not hang on an unreachable Redis: fail after a few retries (a 500).
    this.redis = new Redis({
      ...redisConnection(redisUrl),
      maxRetriesPerRequest: 2,
      // e.g. `catalyst:throttle`, so CLIENT LIST tells these connections apart.
      connectionName: keyPrefix.replace(/:+$/, ''),
    }) as ThrottleRedis;
    this.redis.on('error', (error: Error) => this.logger.warn(`Redis: ${error.message}`));
    this.redis.defineCommand('catalystThrottle', { numberOfKeys: 2, lua: INCREMENT });
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
  ): Promise<ThrottlerStorageRecord> {
    // The hash tag keeps both keys in one slot, should the Redis ever be a cluster.
    const base = `${this.keyPrefix}{${key}}`;
    const [totalHits, expireMs, blocked, blockMs] = await this.redis.catalystThrottle(
      `${base}:hits`,
      `${base}:block`,
      ttl,
      limit,
      blockDuration,
    );
    return {
      totalHits,
      timeToExpire: Math.ceil(expireMs / 1000),
      isBlocked: blocked === 1,
      timeToBlockExpire: Math.ceil(blockMs / 1000),
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status === 'end') return;
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
