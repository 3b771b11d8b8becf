import type { QueueOptions } from 'bullmq';
import { createPostgresBackend, setDefaultBackendFactory } from 'bullmq';
import type { AppConfig } from '@catalyst/common';
import { KEEP_COMPLETED, KEEP_FAILED } from './retry-policies';

/** ioredis options from a redis:// URL. */
export function redisConnection(url: string): Record<string, unknown> {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

/**
 * ioredis options for the configured Redis: REDIS_URL's host, or, with REDIS_SENTINELS, the
 * primary the Sentinels name under REDIS_SENTINEL_NAME (REDIS_URL then gives only its
 * credentials, db and TLS). ioredis asks the Sentinels again whenever the connection drops, so
 * a promoted replica is found after a failover.
 */
export function configuredRedisConnection(
  config: Pick<AppConfig, 'redisUrl' | 'redisSentinels' | 'redisSentinelName'>,
): Record<string, unknown> {
  const direct = redisConnection(config.redisUrl);
  if (!config.redisSentinels?.length) return direct;
  const { host: _host, port: _port, ...rest } = direct;
  return { ...rest, sentinels: config.redisSentinels, name: config.redisSentinelName };
}

/**
 * BullMQ options for the configured backend. The PostgreSQL backend is BullMQ's own
 * (`createPostgresBackend`), in its own `bullmq` schema of our database; it is selected
 * process-wide because @nestjs/bullmq builds its queues with the default backend factory.
 */
export function queueOptions(config: AppConfig, prefix = 'catalyst'): QueueOptions {
  const defaultJobOptions = { removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED };
  if (config.queueBackend === 'postgres') {
    setDefaultBackendFactory(createPostgresBackend);
    // QueueOptions is typed for Redis connections; the PostgreSQL backend reads a pg config.
    const connection: unknown = { connectionString: config.databaseUrl, migrate: true, max: 5 };
    return { connection: connection as QueueOptions['connection'], defaultJobOptions };
  }
  setDefaultBackendFactory(undefined);
  const connection: unknown = configuredRedisConnection(config);
  return { connection: connection as QueueOptions['connection'], prefix, defaultJobOptions };
}
