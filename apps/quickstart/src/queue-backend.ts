import { Redis } from 'ioredis';
import type { QueueBackend } from '@catalyst/common';
import { errorMessage, redactUrl, within } from './log';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * QUEUE_BACKEND for the quick start: as set, else `redis` when Redis answers PING within about
 * a second, else `postgres` (BullMQ's PostgreSQL backend, in the same database).
 */
export async function chooseQueueBackend(
  env: NodeJS.ProcessEnv,
): Promise<{ backend: QueueBackend; reason: string }> {
  const set = env.QUEUE_BACKEND?.trim();
  if (set === 'redis' || set === 'postgres') {
    return { backend: set, reason: 'QUEUE_BACKEND is set in the environment' };
  }
  if (set) throw new Error(`QUEUE_BACKEND must be redis or postgres (it is '${set}')`);

  const url = env.REDIS_URL?.trim() || DEFAULT_REDIS_URL;
  const source = env.REDIS_URL?.trim() ? 'REDIS_URL' : 'the default REDIS_URL';
  try {
    await pingRedis(url);
    return { backend: 'redis', reason: `Redis answered at ${redactUrl(url)} (${source})` };
  } catch (error) {
    return {
      backend: 'postgres',
      reason:
        `no Redis answered at ${redactUrl(url)} (${source}: ${errorMessage(error)}), so the jobs ` +
        `go to BullMQ's PostgreSQL backend in the same database. Fine for trying Catalyst; start ` +
        `Redis (or set REDIS_URL) for the faster, production default`,
    };
  }
}

async function pingRedis(url: string): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    reconnectOnError: () => false,
  });
  // The connection error says more ("connect ECONNREFUSED ...") than the rejected call does.
  let connectionError: unknown;
  redis.on('error', (error) => (connectionError ??= error));
  try {
    await within(
      (async () => {
        await redis.connect();
        const answer = await redis.ping();
        if (answer !== 'PONG') throw new Error(`PING answered ${String(answer)}`);
      })(),
      1500,
      'no answer within 1.5 s',
    );
  } catch (error) {
    throw connectionError ?? error;
  } finally {
    redis.disconnect();
  }
}
