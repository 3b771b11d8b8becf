import { Logger, OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { Redis } from 'ioredis';

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

/** Redis connection states in which a command is sent rather than refused at once. */
const USABLE = new Set(['wait', 'connecting', 'connect', 'ready']);

/**
 * Throttler counters in Redis, shared by every API process (queue backend `redis`). Signing in
 * must not depend on Redis: while it is unreachable (or a command fails or takes over a
 * second) the counters live in PostgreSQL instead (`fallback`, the same storage the postgres
 * queue backend uses), so the limit still holds across replicas; once Redis answers again,
 * counting goes back to it. A client may get up to twice its attempts around a switch, since
 * the two stores do not share counts.
 */
export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly redis: ThrottleRedis;
  private fallingBack = false;

  constructor(
    connection: Record<string, unknown>,
    private readonly keyPrefix: string,
    private readonly fallback: ThrottlerStorage,
  ) {
    this.redis = new Redis({
      ...connection,
      // Fail fast, then fall back: a sign-in never waits long on an unreachable Redis.
      maxRetriesPerRequest: 1,
      commandTimeout: 1000,
      // e.g. `catalyst:throttle`, so CLIENT LIST tells these connections apart.
      connectionName: keyPrefix.replace(/:+$/, ''),
    }) as ThrottleRedis;
    this.redis.on('error', (error: Error) => this.logger.debug(`Redis: ${error.message}`));
    this.redis.on('ready', () => {
      if (!this.fallingBack) return;
      this.fallingBack = false;
      this.logger.log('Redis answers again: sign-in rate-limit counters are back in Redis.');
    });
    this.redis.defineCommand('catalystThrottle', { numberOfKeys: 2, lua: INCREMENT });
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    // Reconnecting or closed: straight to PostgreSQL, without queueing behind the reconnect.
    if (!USABLE.has(this.redis.status)) {
      return this.incrementInFallback(key, ttl, limit, blockDuration, throttlerName);
    }
    try {
      return await this.incrementInRedis(key, ttl, limit, blockDuration);
    } catch (error) {
      return this.incrementInFallback(key, ttl, limit, blockDuration, throttlerName, error);
    }
  }

  private incrementInFallback(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
    error?: unknown,
  ): Promise<ThrottlerStorageRecord> {
    if (!this.fallingBack) {
      this.fallingBack = true;
      this.logger.warn(
        { err: error, redisStatus: this.redis.status },
        'Redis is unavailable: sign-in rate-limit counters are kept in PostgreSQL until it answers again.',
      );
    }
    return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  private async incrementInRedis(
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
